package io.thermalwatch.collector.redfish;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A stand-in BMC (we cannot run a real one): HTTPS with a self-signed certificate made by keytool
 * for this test, basic and session authentication, serving the DMTF CDU mockup from test resources.
 */
final class MockBmc implements AutoCloseable {

    static final String USER = "admin";
    static final String PASSWORD = "cdu-secret";
    static final String TRUST_PASSWORD = "trust-pw";

    final Path trustStore;
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpsServer server;
    private volatile String token = "tok-1";
    private volatile boolean deleted;

    MockBmc(Path dir) throws Exception {
        Path keyStore = dir.resolve("bmc.p12");
        Path cert = dir.resolve("bmc.pem");
        trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "bmc", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "bmc-pw", "-keypass", "bmc-pw");
        keytool("-exportcert", "-rfc", "-alias", "bmc", "-file", cert.toString(), "-keystore", keyStore.toString(),
                "-storepass", "bmc-pw");
        keytool("-importcert", "-noprompt", "-alias", "bmc", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", TRUST_PASSWORD);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, "bmc-pw".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "bmc-pw".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/redfish/v1", this::handle);
        server.start();
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Makes the current session token invalid, as a BMC restart would. */
    void expireSession() {
        token = "tok-" + System.nanoTime();
    }

    boolean sessionDeleted() {
        return deleted;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestMethod() + " " + path);
        if (path.equals("/redfish/v1/SessionService/Sessions") && ex.getRequestMethod().equals("POST")) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"UserName\":\"" + USER + "\"") && body.contains("\"Password\":\"" + PASSWORD + "\"")) {
                ex.getResponseHeaders().set("X-Auth-Token", token);
                ex.getResponseHeaders().set("Location", "/redfish/v1/SessionService/Sessions/s1");
                send(ex, 201, "{}");
            } else {
                send(ex, 401, "{}");
            }
            return;
        }
        if (!authorized(ex)) {
            send(ex, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        if (ex.getRequestMethod().equals("DELETE")) {
            deleted = true;
            send(ex, 204, "");
            return;
        }
        String rel = path.substring("/redfish/v1".length()).replaceAll("^/|/$", "");
        String resource = "/redfish/public-cooling-unit/" + (rel.isEmpty() ? "" : rel + "/") + "index.json";
        try (InputStream in = MockBmc.class.getResourceAsStream(resource)) {
            if (in == null) {
                send(ex, 404, "{}");
            } else {
                send(ex, 200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    private boolean authorized(HttpExchange ex) {
        String t = ex.getRequestHeaders().getFirst("X-Auth-Token");
        if (t != null) {
            return t.equals(token);
        }
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        return basic != null && basic.equals("Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
