package io.thermalwatch.api.fuzz;

import static io.thermalwatch.api.history.HistoryFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.api.security.TestTokens;
import io.thermalwatch.api.history.HistoryData;
import io.thermalwatch.api.history.HistoryFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every query and path parameter of every endpoint, and the {@code Accept} header of the ones that
 * negotiate, fuzzed with hostile values, percent-encoded and raw (malformed escapes, control
 * characters, bytes that are not UTF-8): every answer is a 2xx, or a 4xx with an
 * {@code application/problem+json} body whose status matches; never a 5xx, a dropped connection
 * or a hang. Requests go over a plain socket so that what a careless client sends can be sent.
 */
class ApiFuzzIT {

    /** Values sent percent-encoded (UTF-8). */
    static final List<String> VALUES = List.of("", " ", "-1", "0", "1", "-0", "+1", "1.5", "1e3", "1e309", "NaN", "Infinity",
            "2147483647", "2147483648", "9223372036854775808", "99999999999999999999999999", "0x10", "０１２", "٣",
            "2026-13-45T99:99:99Z", "2026-11-28T00:00:00+25:00", "P1D", "1m", "0s", "-5m", "10000000000000w", "1h1m",
            "critical", "CRITICAL", "warning,critical", "info", "r01-k01", "r01-k01-n01", "GPU-0", "..", "../../etc/passwd",
            "a/b", "a%2Fb", "' OR 1=1", "\"; DROP DATABASE thermalwatch", "/.*/", "=~ /.*/", "$rack", "\\", "\u0000",
            "\t\r\n", "\u202e", "🔥", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "a,b,,c", ",", "*",
            "x".repeat(300), "x".repeat(5_000), "🔥".repeat(300));

    /** Values sent raw in the request line: a malformed escape, a bare %, bytes that are not UTF-8. */
    static final List<byte[]> RAW = List.of(bytes("%zz"), bytes("%"), bytes("%%"), bytes("%C3%28"), bytes("%FF%FE"),
            bytes("%E2%82"), new byte[] {(byte) 0xC3, (byte) 0x28}, new byte[] {(byte) 0xFF}, bytes("a%00b"), bytes("%0D%0AX-Injected:%201"));

    static final List<String> ACCEPT = List.of("text/csv", "application/json", "*/*", "text/html", "application/xml",
            "text/csv;q=abc", "garbage", "", "text/event-stream", "application/json, text/csv;q=0.1");

    private static HistoryFixture f;
    private static int port;

    @BeforeAll
    static void start() {
        f = new HistoryFixture();
        HistoryData.fill(f);
        HistoryData.fillAlerts(f);
        port = f.server.getPort();
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** Every endpoint and parameter, {@code %s} where the fuzzed value goes. */
    static List<String> targets() {
        String w = "from=" + (NOW - 7_200_000) + "&to=" + NOW;
        String rack = HistoryData.RACK;
        return List.of(
                "/api/v1/racks?limit=%s", "/api/v1/racks?after=%s", "/api/v1/racks?limit=2&after=%s", "/api/v1/racks/%s",
                "/api/v1/racks/%s/gpus",
                "/api/v1/alerts?severity=%s", "/api/v1/alerts?rack=%s", "/api/v1/alerts?limit=%s",
                "/api/v1/alerts/history?" + w + "&severity=%s", "/api/v1/alerts/history?" + w + "&rule=%s",
                "/api/v1/alerts/history?" + w + "&rack=%s", "/api/v1/alerts/history?" + w + "&limit=%s",
                "/api/v1/alerts/history?" + w + "&cursor=%s", "/api/v1/alerts/history?from=%s&to=" + NOW,
                "/api/v1/alerts/history?from=" + (NOW - 7_200_000) + "&to=%s",
                "/api/v1/summary?site=%s", "/api/v1/summary?hall=%s", "/api/v1/summary?row=%s",
                "/api/v1/history/racks/%s?" + w, "/api/v1/history/racks/" + rack + "?from=%s",
                "/api/v1/history/racks/" + rack + "?to=%s", "/api/v1/history/racks/" + rack + "?" + w + "&step=%s",
                "/api/v1/history/racks/" + rack + "?" + w + "&fields=%s",
                "/api/v1/history/gpus/%s/" + rack + "-n01/0?" + w, "/api/v1/history/gpus/" + rack + "/%s/0?" + w,
                "/api/v1/history/gpus/" + rack + "/" + rack + "-n01/%s?" + w,
                "/api/v1/history/gpus/" + rack + "/" + rack + "-n01/0?" + w + "&step=%s",
                "/api/v1/live/racks?rack=%s", "/api/v1/live/alerts?severity=%s", "/api/v1/live/alerts?rack=%s");
    }

    @Test
    void everyParameterFuzzedGetsA2xxOrAProblemJson4xxNeverA5xx() throws IOException {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (String target : targets()) {
            for (String value : VALUES) {
                sent++;
                check(target, bytes(target.replace("%s", URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"))),
                        null, byStatus, wrong);
            }
            for (byte[] raw : RAW) {
                sent++;
                int at = target.indexOf("%s");
                ByteArrayOutputStream path = new ByteArrayOutputStream();
                path.writeBytes(bytes(target.substring(0, at)));
                path.writeBytes(raw);
                path.writeBytes(bytes(target.substring(at + 2)));
                check(target + " (raw)", path.toByteArray(), null, byStatus, wrong);
            }
        }
        String w = "?from=" + (NOW - 7_200_000) + "&to=" + NOW;
        for (String path : List.of("/api/v1/history/racks/" + HistoryData.RACK + w,
                "/api/v1/history/gpus/" + HistoryData.RACK + "/" + HistoryData.RACK + "-n01/0" + w, "/api/v1/racks",
                "/api/v1/alerts")) {
            for (String accept : ACCEPT) {
                sent++;
                check(path + " Accept: " + accept, bytes(path), accept, byStatus, wrong);
            }
        }
        System.out.printf("fuzz: %d requests, by status %s%n", sent, byStatus);
        assertThat(wrong).as("answers other than a 2xx or a problem+json 4xx").isEmpty();
        assertThat(byStatus.keySet()).as("both accepted and refused values were sent").contains(200, 400);
    }

    private static void check(String what, byte[] path, String accept, Map<Integer, Integer> byStatus, List<String> wrong) {
        Answer a;
        try {
            a = get(path, accept);
        } catch (IOException e) {
            wrong.add(what + " <- " + clip(new String(path, StandardCharsets.ISO_8859_1)) + ": " + e);
            return;
        }
        byStatus.merge(a.status, 1, Integer::sum);
        String problem = null;
        if (a.status >= 200 && a.status < 300) {
            return;
        }
        if (a.status < 400 || a.status >= 500) {
            problem = "status " + a.status;
        } else if (!a.contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            problem = "a " + a.status + " as '" + a.contentType + "'";
        } else if (!HistoryFixture.json(a.body).get("status").equals(a.status)) {
            problem = "a " + a.status + " whose problem says " + HistoryFixture.json(a.body).get("status");
        }
        if (problem != null) {
            wrong.add(what + " <- " + clip(new String(path, StandardCharsets.ISO_8859_1)) + ": " + problem + " " + clip(a.body));
        }
    }

    record Answer(int status, String contentType, String body) {
    }

    /** One GET over its own connection; an event stream is cut after its headers. */
    static Answer get(byte[] path, String accept) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes("GET "));
            out.write(path);
            out.write(bytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: "
                    + TestTokens.bearer("analyst") + "\r\n" + (accept == null ? "" : "Accept: " + accept + "\r\n") + "\r\n"));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head.isEmpty()) {
                throw new IOException("connection closed without an answer");
            }
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = header(head, "content-type");
            if (contentType.startsWith("text/event-stream")) {
                return new Answer(status, contentType, "");
            }
            String length = header(head, "content-length");
            byte[] body = length.isEmpty() ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
            return new Answer(status, contentType, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String clip(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
