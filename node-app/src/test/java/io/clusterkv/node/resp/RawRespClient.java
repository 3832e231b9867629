package io.clusterkv.node.resp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A RESP client over a plain socket that shows the exact bytes of each reply, for comparing with Redis byte for
 * byte and for sending what no client library would send (malformed frames, inline commands, huge arguments).
 */
final class RawRespClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedInputStream in;
    private final OutputStream out;

    RawRespClient(int port) {
        try {
            this.socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** @return the reply to a command, as its raw bytes in ISO-8859-1 (one char per byte) */
    String call(String... args) {
        send(args);
        return readReply();
    }

    /** @return the reply to a command of binary arguments */
    String call(byte[]... args) {
        send(args);
        return readReply();
    }

    /** Sends a command as an array of bulk strings (UTF-8 arguments). */
    void send(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        send(bytes);
    }

    /** Sends a command as an array of bulk strings. */
    void send(byte[]... args) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] arg : args) {
            frame.writeBytes(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(arg);
            frame.writeBytes(new byte[] {'\r', '\n'});
        }
        sendRaw(frame.toByteArray());
    }

    /** Sends bytes as they are. */
    void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Sends text (ISO-8859-1, one byte per char) as it is. */
    void sendRaw(String text) {
        sendRaw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads exactly one reply of any RESP2 or RESP3 type.
     *
     * @return its raw bytes in ISO-8859-1
     * @throws UncheckedIOException with an {@link EOFException} if the server closed the connection first
     */
    String readReply() {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        try {
            readValue(reply);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return reply.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Waits for the server's next move without consuming it.
     *
     * @return true if the server closed the connection, false if it sent data (or nothing within the timeout)
     */
    boolean isClosedByServer() {
        try {
            in.mark(1);
            if (in.read() == -1) {
                return true;
            }
            in.reset();
            return false;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private void readValue(ByteArrayOutputStream reply) throws IOException {
        String line = readLine(reply);
        char type = line.charAt(0);
        switch (type) {
            case '$', '=', '!' -> {
                long length = Long.parseLong(line.substring(1));
                if (length >= 0) {
                    reply.write(readExactly((int) length + 2));
                }
            }
            case '*', '~', '>' -> readValues(reply, Long.parseLong(line.substring(1)));
            case '%', '|' -> readValues(reply, 2 * Long.parseLong(line.substring(1)));
            default -> {
                // '+', '-', ':', '_', ',', '#', '(' are one line
            }
        }
    }

    private void readValues(ByteArrayOutputStream reply, long count) throws IOException {
        for (long i = 0; i < count; i++) {
            readValue(reply);
        }
    }

    private String readLine(ByteArrayOutputStream reply) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("connection closed by the server after " + reply.size() + " bytes of reply");
            }
            reply.write(b);
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("connection closed in the middle of a reply");
        }
        return bytes;
    }

    /** @return the bytes shown with escapes, for readable comparisons */
    static String escape(String raw) {
        StringBuilder text = new StringBuilder();
        for (char c : raw.toCharArray()) {
            switch (c) {
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        text.append(String.format("\\x%02x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        return text.toString();
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
