package io.thermalwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The runtime classpath (target/classpath.txt: what bin/demo runs and what the Dockerfile copies
 * into the image) carries no test code: no JUnit, no Kafka test kit, no {@code -test} jars.
 */
class RuntimeClasspathTest {

    private static final Pattern TEST_JAR = Pattern.compile(
            "junit|opentest4j|apiguardian|assertj|awaitility|mockito|byte-buddy|kafka-test-common|test-utils|-tests?\\.jar$");

    @Test
    void runtimeClasspathHasNoTestJars() throws IOException {
        List<String> jars = List.of(Files.readString(Path.of("target", "classpath.txt")).trim().split(":"));
        assertThat(jars).as("runtime classpath").isNotEmpty()
                .anyMatch(j -> j.contains("kafka-clients"))
                .noneMatch(j -> TEST_JAR.matcher(Path.of(j).getFileName().toString()).find());
    }
}
