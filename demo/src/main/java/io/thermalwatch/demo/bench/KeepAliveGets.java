package io.thermalwatch.demo.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * GET requests over one kept-alive HTTP/1.1 connection, on the calling thread: the request is
 * written to the socket and the answer read from it, with no other thread involved. The JDK's
 * {@code HttpClient} hands every exchange to its selector thread and back (two thread hops), and on
 * a busy 2-core machine those hops measured tens of ms at the p99 of an API that answers in a few:
 * a load generator should measure the server, as {@code wrk} does. Not thread-safe: one per
 * sending thread. Understands what an HTTP/1.1 server answers: a {@code Content-Length} body, a
 * chunked one, or one up to the close.
 */
final class KeepAliveGets implements AutoCloseable {

    private final InetSocketAddress address;
    private final String host;
    private final int timeoutMs;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveGets(URI base, Duration timeout) {
        int port = base.getPort() > 0 ? base.getPort() : 80;
        this.address = new InetSocketAddress(base.getHost(), port);
        this.host = base.getHost() + ":" + port;
        this.timeoutMs = (int) timeout.toMillis();
    }

    /**
     * GETs {@code path} (absolute, already encoded) with a bearer token and returns the status; the
     * body is read and dropped. A connection the server closed while idle is reopened and the GET
     * sent again once (a GET is safe to repeat).
     */
    int get(String path, String bearerToken) throws IOException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + bearerToken
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        boolean reused = socket != null;
        try {
            return exchange(request);
        } catch (java.net.SocketTimeoutException e) {
            close();
            throw e;
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            return exchange(request);
        }
    }

    private int exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean closes = parts[0].equals("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closes = value.contains("close") || (closes && !value.contains("keep-alive"));
                default -> { }
            }
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                line(); // the CRLF after the chunk
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers, if any, are dropped
            }
        } else if (length >= 0) {
            skip(length);
        } else if (status / 100 != 1 && status != 204 && status != 304) {
            in.transferTo(OutputStream.nullOutputStream()); // a body up to the close
            closes = true;
        }
        if (closes) {
            close();
        }
        return status;
    }

    private long chunkSize() throws IOException {
        String line = line();
        int ext = line.indexOf(';');
        return Long.parseLong((ext < 0 ? line : line.substring(0, ext)).trim(), 16);
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the connection closed " + left + " bytes before the body's end");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    /** One CRLF- (or LF-) ended line, without its end; at most 64 KiB. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed mid-answer");
            }
            if (line.size() > 65_536) {
                throw new IOException("a header line over 64 KiB");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a broken connection: nothing to keep
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
