package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link OpenLoopGets} against a real local HTTP server (the JDK's) whose answers the test controls. */
class OpenLoopGetsTest {

    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();
    private final Set<String> authorizations = ConcurrentHashMap.newKeySet();
    private HttpServer server;

    /** One request at a time, each taking {@code serviceMs} (the server's own work, not a wait in the test). */
    private URI start(long serviceMs) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(serviceMs));
            int status = exchange.getRequestURI().getPath().equals("/fail") ? 500 : 200;
            byte[] body = "{}".getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(serverThread);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverThread.shutdownNow();
    }

    @Test
    void latencyRunsFromTheDueTimeSoABacklogShows() throws Exception {
        // 100 requests/s for 1 s at a server that does 50/s: the schedule does not wait for answers,
        // so the last ones queue ~1 s; a closed loop (or latency from an answered-then-send) would show ~20 ms
        URI base = start(20);
        OpenLoopGets.Result r = OpenLoopGets.run(base,
                List.of(new OpenLoopGets.Target("/ok", "/ok")), "tok", 100, 0, 1);
        assertThat(r.measured()).isEqualTo(100);
        assertThat(r.errors()).isZero();
        assertThat(r.maxSendLagNanos()).as("sent on schedule").isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(r.quantileMs(0.5)).as("p50, ms").isGreaterThan(20);
        assertThat(r.quantileMs(0.99)).as("p99, ms").isGreaterThan(600);
    }

    @Test
    void countsErrorsPerEndpointAndCarriesTheToken() throws Exception {
        URI base = start(0);
        OpenLoopGets.Result r = OpenLoopGets.run(base,
                List.of(new OpenLoopGets.Target("ok", "/ok"), new OpenLoopGets.Target("fail", "/fail")), "tok", 40, 1, 1);
        assertThat(r.sent()).isEqualTo(80);
        assertThat(r.measured()).isEqualTo(40);
        assertThat(r.errors()).isEqualTo(20);
        assertThat(r.firstError()).isEqualTo("/fail: HTTP 500");
        assertThat(r.byEndpoint().get("ok")).hasSize(20);
        assertThat(r.byEndpoint().get("fail")).isEmpty();
        assertThat(r.latencyNanos()).hasSize(20);
        assertThat(authorizations).containsExactly("Bearer tok");
    }
}
