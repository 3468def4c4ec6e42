package io.thermalwatch.collector.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A minimal Redfish client: GET of JSON resources over HTTPS with basic or session
 * authentication. Sessions are created with {@code POST /redfish/v1/SessionService/Sessions},
 * re-created once when the BMC answers 401, and deleted on {@link #close()}. BMCs usually carry
 * self-signed certificates: a PKCS12 trust store holding the BMC's certificate replaces the JDK's.
 */
final class RedfishClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSIONS = "/redfish/v1/SessionService/Sessions";

    private final URI base;
    private final boolean sessionAuth;
    private final String user;
    private final String password;
    private final Duration timeout;
    private final HttpClient http;
    private String token;
    private URI session;

    RedfishClient(URI base, boolean sessionAuth, String user, String password, Path trustStore, String trustStorePassword,
                  Duration timeout) {
        this.base = base;
        this.sessionAuth = sessionAuth;
        this.user = user;
        this.password = password;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (trustStore != null) {
            builder.sslContext(sslContext(trustStore, trustStorePassword));
        }
        this.http = builder.build();
    }

    /** GETs a resource by its path ({@code /redfish/v1/...}). */
    JsonNode get(String path) {
        HttpResponse<String> response = send(path);
        if (response.statusCode() == 401 && sessionAuth) {
            token = null; // the session expired or the BMC restarted: log in again, once
            response = send(path);
        }
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(new IOException("GET " + path + ": HTTP " + response.statusCode()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + ": not JSON", e);
        }
    }

    private HttpResponse<String> send(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json").GET();
        if (sessionAuth) {
            if (token == null) {
                login();
            }
            request.header("X-Auth-Token", token);
        } else if (!user.isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return exchange(request.build());
    }

    private void login() {
        String body;
        try {
            body = JSON.writeValueAsString(java.util.Map.of("UserName", user, "Password", password));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(base.resolve(SESSIONS)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        String t = response.headers().firstValue("X-Auth-Token").orElse(null);
        if (response.statusCode() / 100 != 2 || t == null) {
            throw new UncheckedIOException(new IOException("Redfish login as '" + user + "' failed: HTTP "
                    + response.statusCode()));
        }
        token = t;
        session = response.headers().firstValue("Location").map(base::resolve).orElse(null);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (session != null && token != null) {
            try {
                exchange(HttpRequest.newBuilder(session).timeout(timeout).header("X-Auth-Token", token).DELETE().build());
            } catch (RuntimeException e) {
                // the session times out on the BMC anyway
            }
        }
    }

    private static SSLContext sslContext(Path trustStore, String password) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("TW_REDFISH_TRUSTSTORE: cannot load " + trustStore + ": " + e.getMessage(), e);
        }
    }
}
