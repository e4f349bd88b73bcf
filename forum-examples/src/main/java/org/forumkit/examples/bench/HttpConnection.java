package org.forumkit.examples.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP/1.1 keep-alive connection of the benchmark's load driver, on a plain socket (TCP_NODELAY, as browsers
 * set it): requests are written and responses read one after the other on the same socket, which is reopened only
 * when the server closes it ({@code Connection: close}, or closed while idle). {@link #opened} counts the sockets
 * opened, so a run can show that its connections were reused. The cookies the server sets (its session, its CSRF token) are kept and sent back.
 */
final class HttpConnection implements AutoCloseable {
    /** Sockets opened by every connection, for the report (requests / opened = reuse). */
    static final AtomicLong OPENED = new AtomicLong();

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Map<String, String> cookies = new java.util.LinkedHashMap<>();
    private long opened;

    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    HttpConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Sockets this connection opened. */
    long opened() {
        return opened;
    }

    /** The session cookie ({@code name=value}) the server set, or null. */
    String cookie() {
        return cookies.entrySet().stream().filter(c -> c.getKey().toUpperCase(Locale.ROOT).contains("SESSION"))
                .map(c -> c.getKey() + "=" + c.getValue()).findFirst().orElse(null);
    }

    Response get(String path) throws IOException {
        return send("GET", path, null, null, Map.of());
    }

    /** Sends one request and reads its whole response; retried once on a fresh socket if the idle one was closed. */
    Response send(String method, String path, String contentType, byte[] body, Map<String, String> headers)
            throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\nAccept: application/json\r\n");
        if (!cookies.isEmpty()) {
            head.append("Cookie: ").append(String.join("; ", cookies.entrySet().stream()
                    .map(c -> c.getKey() + "=" + c.getValue()).toList())).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
                    .append("\r\n");
        }
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        boolean fresh = socket == null;
        try {
            return exchange(request, body);
        } catch (EOFException e) {
            if (fresh) {
                throw e;
            }
            close(); // the server closed the idle connection: once more on a new one
            return exchange(request, body);
        }
    }

    private Response exchange(byte[] request, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 65_536);
            out = socket.getOutputStream();
            opened++;
            OPENED.incrementAndGet();
        }
        if (body == null) {
            out.write(request);
        } else {
            byte[] all = new byte[request.length + body.length];
            System.arraycopy(request, 0, all, 0, request.length);
            System.arraycopy(body, 0, all, request.length, body.length);
            out.write(all);
        }
        out.flush();
        String status = line();
        if (status == null) {
            throw new EOFException("the server closed the connection");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        Map<String, List<String>> headers = new TreeMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        byte[] content;
        List<String> length = headers.get("content-length");
        if (length != null) {
            content = in.readNBytes(Integer.parseInt(length.get(0)));
        } else if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            content = chunked();
        } else {
            content = new byte[0];
        }
        for (String set : headers.getOrDefault("set-cookie", List.of())) {
            String pair = set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
            int eq = pair.indexOf('=');
            if (eq > 0 && eq < pair.length() - 1) {
                cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            } else if (eq > 0) {
                cookies.remove(pair.substring(0, eq).strip()); // an emptied cookie is a deleted one
            }
        }
        if (headers.getOrDefault("connection", List.of()).contains("close")) {
            close();
        }
        return new Response(code, headers, content);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int n = Integer.parseInt(size.contains(";") ? size.substring(0, size.indexOf(';')) : size.strip(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return content.toByteArray();
            }
            content.write(in.readNBytes(n));
            line();
        }
    }

    /** A line without its CRLF, or null at the end of the stream before any byte. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.length() == 0) {
                    return null;
                }
                throw new EOFException("the connection ended inside a line");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
