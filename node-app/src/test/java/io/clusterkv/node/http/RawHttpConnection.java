package io.clusterkv.node.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 spoken by hand on one socket, for what {@code java.net.http} cannot do: pipelining, and a final answer
 * to {@code Expect: 100-continue} (the JDK 17 client then waits forever).
 */
final class RawHttpConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttpConnection(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(15_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Sends raw request text, one request or several. */
    void send(String requests) {
        try {
            out.write(requests.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * A raw answer.
     *
     * @param head the status line and headers
     * @param body the body
     */
    record RawAnswer(String head, String body) {
        int status() {
            return Integer.parseInt(head.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }

    /** @return the next answer on the connection (its body by Content-Length, as the node always sends) */
    RawAnswer read() {
        try {
            String head = readHead();
            byte[] body = in.readNBytes(contentLength(head));
            return new RawAnswer(head, new String(body, StandardCharsets.UTF_8));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(next);
        }
        return head.toString(StandardCharsets.UTF_8);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        throw new IllegalStateException("no Content-Length in " + head);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
