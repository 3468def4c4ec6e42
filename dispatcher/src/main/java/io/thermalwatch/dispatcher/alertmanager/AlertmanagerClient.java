package io.thermalwatch.dispatcher.alertmanager;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts alert batches to one Alertmanager's {@code /api/v2/alerts}. Thread-safe. */
public final class AlertmanagerClient implements AlertPoster {

    /** What a POST came to. */
    public enum Outcome {
        /** 2xx: Alertmanager holds the alerts. */
        DELIVERED,
        /** Unreachable, timed out, 5xx, 408 or 429: the same POST may succeed later. */
        RETRY,
        /** Another 4xx: Alertmanager refuses these alerts; sending them again will not help. */
        REJECTED
    }

    /** The outcome, and for anything but DELIVERED what went wrong. */
    public record Result(Outcome outcome, String detail) {
    }

    private final URI alertsUri;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param baseUrl Alertmanager's base URL ({@code http://am1:9093})
     * @param timeout connect and request timeout of each POST
     */
    public AlertmanagerClient(URI baseUrl, Duration timeout) {
        this.alertsUri = URI.create(baseUrl + "/api/v2/alerts");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Result post(byte[] jsonArray) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(alertsUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jsonArray))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Result(Outcome.RETRY, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new Result(Outcome.DELIVERED, null);
        }
        String detail = "HTTP " + status + ": " + abbreviate(response.body());
        boolean worthRetrying = status >= 500 || status == 408 || status == 429;
        return new Result(worthRetrying ? Outcome.RETRY : Outcome.REJECTED, detail);
    }

    @Override
    public URI alertsUri() {
        return alertsUri;
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.strip().replace('\n', ' ');
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
