package io.clusterkv.benchmarks.replicated;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking RESP2 connection: one command, one reply, no pipelining, as a Redis client without
 * pipelining is used. Enough for SET, INCR and MSET against a node process; not thread-safe (one per client thread).
 */
final class RespConnection implements AutoCloseable {
    private static final byte[] CRLF = {'\r', '\n'};
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RespConnection(String host, int port) {
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, failure);
        }
    }

    /**
     * Sends one command and reads its reply.
     *
     * @return the integer of an integer reply, else 0
     * @throws IllegalStateException for an error reply
     * @throws UncheckedIOException  if the connection fails
     */
    long call(byte[]... arguments) {
        try {
            writeInt('*', arguments.length);
            for (byte[] argument : arguments) {
                writeInt('$', argument.length);
                out.write(argument);
                out.write(CRLF);
            }
            out.flush();
            return readReply();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private void writeInt(char prefix, int value) throws IOException {
        out.write(prefix);
        out.write(Integer.toString(value).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
    }

    private long readReply() throws IOException {
        int type = in.read();
        String line = readLine();
        return switch (type) {
            case '+' -> 0;
            case ':' -> Long.parseLong(line);
            case '-' -> throw new IllegalStateException("RESP error: " + line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length >= 0) {
                    in.readNBytes(length + 2);
                }
                yield 0;
            }
            case -1 -> throw new IOException("connection closed");
            default -> throw new IOException("unexpected RESP reply type " + (char) type + line);
        };
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c == -1) {
                throw new IOException("connection closed");
            }
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
