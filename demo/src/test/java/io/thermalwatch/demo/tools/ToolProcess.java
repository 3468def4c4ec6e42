package io.thermalwatch.demo.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts one of the tools' mains in its own JVM on the packaged runtime classpath, as bin/* do. */
final class ToolProcess {

    private ToolProcess() {
    }

    static ProcessBuilder builder(Class<?> main, Map<String, String> env, String... args) throws IOException {
        Path classpath = Path.of("target", "classpath.txt");
        assertThat(classpath).as("written by 'mvn package'").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", "target/classes:" + Files.readString(classpath).trim(), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("TW_") || k.equals("KAFKA_BOOTSTRAP_SERVERS"));
        pb.environment().putAll(env);
        return pb;
    }
}
