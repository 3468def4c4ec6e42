package io.thermalwatch.api.live;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A real SSE client for tests: opens the stream with the JDK's HTTP client and parses its lines on a
 * thread of its own into events and comments that tests wait on.
 */
final class SseStream implements AutoCloseable {

    /** One dispatched event: its {@code event:} name and its {@code data:} lines joined. */
    record SseEvent(String name, String data) {
    }

    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final Thread reader;

    private SseStream(CompletableFuture<HttpResponse<Stream<String>>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseStream open(URI uri, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        // asynchronous: a server that sends nothing yet (not even headers) must not hang the test
        return new SseStream(HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    private void read() {
        String name = null;
        StringBuilder data = null;
        HttpResponse<Stream<String>> r;
        try {
            r = response.get();
        } catch (InterruptedException | ExecutionException | CancellationException e) {
            return;
        }
        try (Stream<String> lines = r.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new SseEvent(name, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (UncheckedIOException e) {
            // closed by the test
        }
    }

    /** The response's status, waiting up to a minute for its headers. */
    int status() {
        return headers().statusCode();
    }

    String contentType() {
        return headers().headers().firstValue("Content-Type").orElse("");
    }

    private HttpResponse<Stream<String>> headers() {
        try {
            return response.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no response headers within 60 s", e);
        }
    }

    List<SseEvent> events() {
        return List.copyOf(events);
    }

    List<SseEvent> events(String name) {
        return events.stream().filter(e -> name.equals(e.name())).toList();
    }

    List<String> comments() {
        return List.copyOf(comments);
    }

    @Override
    public void close() {
        reader.interrupt();
        if (!response.cancel(true) && !response.isCompletedExceptionally()) {
            response.join().body().close();
        }
    }
}
