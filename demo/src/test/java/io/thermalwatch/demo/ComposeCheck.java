package io.thermalwatch.demo;

import io.thermalwatch.api.ApiApplication;
import io.thermalwatch.api.ApiSettings;
import io.thermalwatch.collector.CollectorConfig;
import io.thermalwatch.collector.CollectorMain;
import io.thermalwatch.dispatcher.DispatcherConfig;
import io.thermalwatch.dispatcher.DispatcherMain;
import io.thermalwatch.model.EnvSettings;
import io.thermalwatch.sink.InfluxSinkConfig;
import io.thermalwatch.sink.SinkMain;
import io.thermalwatch.streams.StreamsMain;
import io.thermalwatch.streams.TelemetryStreamsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * What in a docker-compose file disagrees with the code, the repository and the README's config
 * table, each problem one line naming the service and the setting, port or path (there is no Docker
 * engine to find them by running it). For the services built from this repository: the main class
 * loads and has a {@code main}; every variable set is one its app reads and the config table lists,
 * with a value the app accepts; published ports and healthchecks use the ports the app then listens
 * on. For every service: mounted host paths exist, named volumes are declared, {@code --*.file=}
 * arguments name a mounted file, {@code depends_on} targets exist (with a healthcheck when waited
 * for as healthy), and addresses in its environment (and in Grafana's provisioned data sources)
 * name a service of the file and a port it listens on.
 */
final class ComposeCheck {

    /** The JVM's own variable for options: a service may set it; the app does not read it. */
    static final String JVM_OPTIONS_VARIABLE = "JAVA_TOOL_OPTIONS";

    /** An app of ours: the settings it reads from an environment and the ports it then listens on. */
    interface App {
        /** @throws IllegalArgumentException for a value the app refuses at start */
        Listening read(Map<String, String> env);
    }

    record Listening(Set<String> namesRead, Set<Integer> ports) {
    }

    static final Map<String, App> APPS = Map.of(
            CollectorMain.class.getName(), app(CollectorConfig::fromEnv, CollectorConfig::metricsPort),
            StreamsMain.class.getName(), app(TelemetryStreamsConfig::fromEnv, c -> 0),
            SinkMain.class.getName(), app(InfluxSinkConfig::fromEnv, InfluxSinkConfig::metricsPort),
            DispatcherMain.class.getName(), app(DispatcherConfig::fromEnv, DispatcherConfig::metricsPort),
            ApiApplication.class.getName(), app(ApiSettings::fromEnv, ApiSettings::port));
    /** Read by a main outside EnvSettings (CollectorMain looks for its config file first). */
    private static final Set<String> READ_BY_MAINS = Set.of("TW_CONFIG_FILE");
    /** Addresses for people (a link in a notification), so the host's published port, not a service's. */
    private static final Set<String> LINKS_FOR_PEOPLE = Set.of("TW_API_BASE_URL");
    private static final Pattern ADDRESS = Pattern.compile("^(?:[a-z][a-z0-9+.-]*://)?([A-Za-z0-9._-]+):(\\d+)(?:[/?].*)?$");
    private static final Pattern PROBED_PORT = Pattern.compile("(?:localhost|127\\.0\\.0\\.1):(\\d+)");

    private final Map<String, Map<String, Object>> services;
    private final Set<String> volumes;
    private final Set<String> configTable;
    private final Path root;

    @SuppressWarnings("unchecked")
    ComposeCheck(String composeYaml, Set<String> configTable, Path root) {
        Map<String, Object> compose = new Yaml().load(composeYaml);
        this.services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Object> declared = (Map<String, Object>) compose.get("volumes");
        this.volumes = declared == null ? Set.of() : declared.keySet();
        this.configTable = configTable;
        this.root = root;
    }

    private static <C> App app(Function<EnvSettings, C> fromEnv, ToIntFunction<C> port) {
        return env -> {
            EnvSettings settings = new EnvSettings(env);
            int p = port.applyAsInt(fromEnv.apply(settings));
            Set<String> read = new TreeSet<>(settings.namesRead());
            read.addAll(READ_BY_MAINS);
            return new Listening(read, p == 0 ? Set.of() : Set.of(p));
        };
    }

    Map<String, Map<String, Object>> services() {
        return services;
    }

    /** The services built from this repository's Dockerfile. */
    List<String> ours() {
        return services.entrySet().stream().filter(e -> ".".equals(e.getValue().get("build"))).map(Map.Entry::getKey).toList();
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<Integer>> listening = new LinkedHashMap<>();
        for (String name : services.keySet()) {
            listening.put(name, listeningPorts(name, problems));
        }
        Set<Integer> published = new TreeSet<>();
        services.values().forEach(s -> list(s.get("ports")).forEach(p -> published.add(hostPort(p))));
        services.forEach((name, s) -> {
            Set<Integer> ports = listening.get(name);
            for (Object p : list(s.get("ports"))) {
                int container = containerPort(p);
                if (!ports.contains(container)) {
                    problems.add(name + " publishes container port " + container + ", but it listens on " + ports);
                }
            }
            Object health = s.get("healthcheck");
            if (health != null) {
                Matcher probed = PROBED_PORT.matcher(String.valueOf(((Map<?, ?>) health).get("test")));
                while (probed.find()) {
                    if (!ports.contains(Integer.parseInt(probed.group(1)))) {
                        problems.add(name + "'s healthcheck probes port " + probed.group(1) + ", but it listens on " + ports);
                    }
                }
            }
            mounts(name, s, problems);
            dependencies(name, s, problems);
            env(s).forEach((key, value) -> addresses(name + "'s " + key, key, value, listening, published, problems));
        });
        grafanaDataSources(listening, published, problems);
        return problems;
    }

    /** The ports a service listens on: its app's settings, or the image's documented defaults. */
    private Set<Integer> listeningPorts(String name, List<String> problems) {
        Map<String, Object> s = services.get(name);
        Map<String, String> env = env(s);
        if (".".equals(s.get("build"))) {
            List<Object> command = list(s.get("command"));
            String main = command.isEmpty() ? "(none)" : command.get(0).toString();
            try {
                Method m = Class.forName(main).getMethod("main", String[].class);
                if (!Modifier.isStatic(m.getModifiers())) {
                    problems.add(name + " runs " + main + ", whose main is not static");
                }
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                problems.add(name + " runs " + main + ", which is not a class with a main on the classpath");
            }
            App app = APPS.get(main);
            if (app == null) {
                problems.add(name + " runs " + main + ", whose settings this check does not know");
                return Set.of();
            }
            Listening l;
            try {
                l = app.read(env);
            } catch (IllegalArgumentException e) {
                problems.add(name + ": bad setting: " + e.getMessage());
                return Set.of();
            }
            for (String key : env.keySet()) {
                if (key.equals(JVM_OPTIONS_VARIABLE)) {
                    continue; // read by the JVM; ComposeConsistencyTest checks its value
                }
                if (!l.namesRead().contains(key)) {
                    problems.add(name + " sets " + key + ", which " + main + " does not read");
                } else if (!configTable.contains(key)) {
                    problems.add(name + " sets " + key + ", which the README config table does not list");
                }
            }
            return l.ports();
        }
        String image = String.valueOf(s.get("image")).replaceFirst(":[^/]*$", "");
        return switch (image) {
            case "apache/kafka" -> {
                Set<Integer> ports = new TreeSet<>();
                Matcher m = Pattern.compile("://[^:,]*:(\\d+)").matcher(env.getOrDefault("KAFKA_LISTENERS", ""));
                while (m.find()) {
                    ports.add(Integer.parseInt(m.group(1)));
                }
                yield ports;
            }
            case "influxdb" -> Set.of(8086);
            case "grafana/grafana", "grafana/grafana-oss" -> Set.of(Integer.parseInt(env.getOrDefault("GF_SERVER_HTTP_PORT", "3000")));
            case "prom/alertmanager" -> Set.of(list(s.get("command")).stream().map(Object::toString)
                    .filter(a -> a.startsWith("--web.listen-address=")).map(a -> Integer.parseInt(a.replaceFirst(".*:", "")))
                    .findFirst().orElse(9093));
            default -> {
                problems.add(name + " runs image " + image + ", whose ports this check does not know");
                yield Set.of();
            }
        };
    }

    private void mounts(String name, Map<String, Object> s, List<String> problems) {
        Set<String> targets = new TreeSet<>();
        for (Object v : list(s.get("volumes"))) {
            String[] parts = v.toString().split(":");
            String source = parts[0];
            targets.add(parts[1]);
            if (source.startsWith(".") || source.startsWith("/")) {
                if (!Files.exists(root.resolve(source).normalize())) {
                    problems.add(name + " mounts " + source + ", which is not in the repository");
                }
            } else if (!volumes.contains(source)) {
                problems.add(name + " mounts volume " + source + ", which the file's volumes do not declare");
            }
        }
        for (Object arg : list(s.get("command"))) {
            Matcher file = Pattern.compile("^--[a-z.-]*file=(/.+)$").matcher(arg.toString());
            if (file.matches() && !targets.contains(file.group(1))) {
                problems.add(name + " reads " + file.group(1) + ", which it does not mount");
            }
        }
    }

    private void dependencies(String name, Map<String, Object> s, List<String> problems) {
        Object deps = s.get("depends_on");
        Map<?, ?> conditions = deps instanceof Map<?, ?> m ? m : Map.of();
        for (Object target : deps instanceof Map<?, ?> m ? m.keySet() : list(deps)) {
            if (!services.containsKey(target.toString())) {
                problems.add(name + " depends on " + target + ", which is not a service");
                continue;
            }
            Object condition = conditions.get(target) instanceof Map<?, ?> c ? c.get("condition") : null;
            if ("service_healthy".equals(condition) && services.get(target.toString()).get("healthcheck") == null) {
                problems.add(name + " waits for " + target + " to be healthy, but " + target + " has no healthcheck");
            }
        }
    }

    /** Each address in {@code value} (comma-separated) names a service and a port it listens on. */
    private void addresses(String where, String key, String value, Map<String, Set<Integer>> listening,
                           Set<Integer> published, List<String> problems) {
        if (!value.contains("://") && !key.endsWith("BOOTSTRAP_SERVERS")) {
            return;
        }
        for (String item : value.split(",")) {
            Matcher m = ADDRESS.matcher(item.strip());
            if (!m.matches()) {
                continue; // no host:port (e.g. Kafka's PLAINTEXT://:9092 listener)
            }
            String host = m.group(1);
            int port = Integer.parseInt(m.group(2));
            if (LINKS_FOR_PEOPLE.contains(key)) {
                if (!published.contains(port)) {
                    problems.add(where + " links people to port " + port + ", which no service publishes");
                }
            } else if (!listening.containsKey(host)) {
                problems.add(where + " points at " + host + ":" + port + ", but " + host + " is not a service of the file");
            } else if (!listening.get(host).contains(port)) {
                problems.add(where + " points at " + host + ":" + port + ", but " + host + " listens on " + listening.get(host));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void grafanaDataSources(Map<String, Set<Integer>> listening, Set<Integer> published, List<String> problems) {
        Path dir = root.resolve("grafana/provisioning/datasources");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                Map<String, Object> doc = new Yaml().load(Files.readString(f));
                for (Object ds : list(doc == null ? null : doc.get("datasources"))) {
                    Object url = ((Map<String, Object>) ds).get("url");
                    if (url != null) {
                        String where = "grafana data source " + f.getFileName() + " (" + ((Map<?, ?>) ds).get("name") + ")";
                        addresses(where, "url", grafanaEnv(where, url.toString(), problems), listening, published,
                                problems);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

    /** Grafana expands {@code ${VAR}} in provisioning files from its environment: the grafana service's. */
    private String grafanaEnv(String where, String value, List<String> problems) {
        Map<String, Object> grafana = services().get("grafana");
        Map<String, String> env = grafana == null ? Map.of() : env(grafana);
        Matcher m = GRAFANA_VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null) {
                problems.add(where + " uses ${" + m.group(1) + "}, which the grafana service does not set");
                v = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> env(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) service.getOrDefault("environment", Map.of())).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    private static int containerPort(Object mapping) {
        String[] parts = mapping.toString().replaceFirst("/(tcp|udp)$", "").split(":");
        return Integer.parseInt(parts[parts.length - 1]);
    }

    private static int hostPort(Object mapping) {
        String[] parts = mapping.toString().replaceFirst("/(tcp|udp)$", "").split(":");
        return Integer.parseInt(parts[parts.length > 1 ? parts.length - 2 : 0]);
    }
}
