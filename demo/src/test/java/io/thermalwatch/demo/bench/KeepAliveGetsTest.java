package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link KeepAliveGets} against the JDK's HTTP server and against a raw socket server whose bytes the test writes. */
class KeepAliveGetsTest {

    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsLengthAndChunkedBodiesOverOneConnectionWithTheToken() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            requests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"count\":1}".repeat(1_000).getBytes(StandardCharsets.UTF_8);
            boolean chunked = exchange.getRequestURI().getPath().equals("/chunked");
            int status = exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200;
            exchange.sendResponseHeaders(status, chunked ? 0 : body.length); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (KeepAliveGets gets = new KeepAliveGets(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(5))) {
            for (int i = 0; i < 5; i++) {
                assertThat(gets.get("/length?i=" + i, "tok")).isEqualTo(200);
                assertThat(gets.get("/chunked?i=" + i, "tok")).isEqualTo(200);
            }
            assertThat(gets.get("/missing", "tok")).isEqualTo(404);
        }
        assertThat(requests).hasSize(11).allMatch(r -> r.endsWith(" Bearer tok")).contains("/chunked?i=4 Bearer tok");
        assertThat(clientPorts).as("one kept-alive connection for every request").hasSize(1);
    }

    @Test
    void aConnectionTheServerClosedIsReopenedOnceAndAnUnansweredGetTimesOut() throws Exception {
        try (ServerSocket raw = new ServerSocket(0)) {
            Thread serverThread = new Thread(() -> {
                try {
                    // first connection: one answer, then closed (as a server's idle timeout does)
                    try (Socket s = raw.accept()) {
                        readRequest(s.getInputStream());
                        s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
                    }
                    // second: the repeated GET is answered; the third GET gets no answer
                    try (Socket s = raw.accept()) {
                        readRequest(s.getInputStream());
                        s.getOutputStream().write("HTTP/1.1 503 Unavailable\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        readRequest(s.getInputStream());
                        s.getInputStream().read(); // until the client gives up and closes
                    }
                } catch (IOException e) {
                    // the test's assertions say what went wrong
                }
            });
            serverThread.start();
            try (KeepAliveGets gets = new KeepAliveGets(URI.create("http://127.0.0.1:" + raw.getLocalPort()),
                    Duration.ofMillis(500))) {
                assertThat(gets.get("/a", "tok")).isEqualTo(200);
                assertThat(gets.get("/b", "tok")).as("sent again on a new connection").isEqualTo(503);
                assertThatThrownBy(() -> gets.get("/c", "tok")).isInstanceOf(SocketTimeoutException.class);
            }
            serverThread.join(10_000);
            assertThat(serverThread.isAlive()).isFalse();
        }
    }

    /** Reads one request head (up to its blank line). */
    private static void readRequest(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed mid-request");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
