package io.clusterkv.node.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Inputs for the fuzz properties: random bytes, and well-formed requests mutated the ways broken clients and
 * attackers break them (flipped, inserted, deleted and repeated bytes, lengths replaced by huge, negative or
 * non-numbers, cut short). Mutations are drawn from a seed, so a failing input is reproduced from jqwik's report.
 */
final class Frames {
    private static final List<String> LENGTHS = List.of("-1", "0", "-2147483649", "2147483648", "9999999999999999999",
        "536870913", "1048577", "x", "", "1.5", " 3");

    private Frames() {
    }

    /** @return random bytes (up to 2 KiB) or a mutated request of the corpus */
    static Arbitrary<byte[]> fuzzed(List<String> corpus) {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
        Arbitrary<byte[]> mutated = Arbitraries.of(corpus).flatMap(base -> Arbitraries.longs()
            .map(seed -> mutate(base.getBytes(StandardCharsets.ISO_8859_1), new Random(seed))));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(3, mutated));
    }

    static byte[] mutate(byte[] base, Random random) {
        byte[] frame = base;
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            frame = mutateOnce(frame, random);
        }
        return frame;
    }

    private static byte[] mutateOnce(byte[] frame, Random random) {
        if (frame.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(frame.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(7)) {
            case 0 -> { // flip a byte
                frame = frame.clone();
                frame[at] = (byte) random.nextInt(256);
                return frame;
            }
            case 1 -> { // insert random bytes
                out.write(frame, 0, at);
                for (int n = random.nextInt(8) + 1; n > 0; n--) {
                    out.write(random.nextInt(256));
                }
                out.write(frame, at, frame.length - at);
            }
            case 2 -> { // delete a range
                int end = Math.min(frame.length, at + 1 + random.nextInt(8));
                out.write(frame, 0, at);
                out.write(frame, end, frame.length - end);
            }
            case 3 -> { // repeat a range
                int end = Math.min(frame.length, at + 1 + random.nextInt(32));
                out.write(frame, 0, end);
                out.write(frame, at, frame.length - at);
            }
            case 4 -> { // replace the digits after a length prefix with a bad length
                String text = new String(frame, StandardCharsets.ISO_8859_1);
                return text.replaceFirst("([*$%~>])\\d+", "$1" + LENGTHS.get(random.nextInt(LENGTHS.size())))
                    .getBytes(StandardCharsets.ISO_8859_1);
            }
            case 5 -> { // cut short
                out.write(frame, 0, at);
            }
            default -> { // the frame twice, the second one mutated: pipelined garbage after a good request
                out.write(frame, 0, frame.length);
                byte[] second = frame.clone();
                second[at] = (byte) random.nextInt(256);
                out.write(second, 0, second.length);
            }
        }
        return out.toByteArray();
    }

    /**
     * Sends the input on a new connection, closes the sending side and reads until the server closes. Returns
     * whatever came back; a server that neither answers nor closes within the timeout is not waited for longer.
     */
    static String sendAndDrain(int port, byte... input) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            try {
                socket.getOutputStream().write(input);
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // The server refused the input and closed first: an accepted outcome.
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[8192];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException | java.net.SocketException stoppedOrReset) {
                // Waiting for the rest of a declared length, or reset after a refusal: the node decides.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
