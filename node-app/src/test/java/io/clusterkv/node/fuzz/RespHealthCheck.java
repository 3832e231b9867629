package io.clusterkv.node.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A well-formed RESP client on one connection, authenticated if a password is given, that reads simple replies. */
final class RespHealthCheck implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    RespHealthCheck(int port, String password) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        if (password != null) {
            String reply = call("AUTH", password);
            if (!reply.equals("+OK\r\n")) {
                throw new IllegalStateException("AUTH failed: " + reply);
            }
        }
    }

    /** @return the raw reply: a status, error, integer, or bulk string */
    String call(String... args) throws IOException {
        StringBuilder frame = new StringBuilder("*" + args.length + "\r\n");
        for (String arg : args) {
            frame.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                .append("\r\n");
        }
        socket.getOutputStream().write(frame.toString().getBytes(StandardCharsets.UTF_8));
        String line = line();
        if (line.startsWith("$") && !line.equals("$-1\r\n")) {
            int length = Integer.parseInt(line.substring(1, line.length() - 2));
            return line + new String(in.readNBytes(length + 2), StandardCharsets.UTF_8);
        }
        return line;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int next; (next = in.read()) >= 0; previous = next) {
            line.write(next);
            if (previous == '\r' && next == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
        }
        throw new IOException("connection closed after '" + line + "'");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
