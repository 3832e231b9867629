package io.clusterkv.benchmarks.replicated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1 for the nodes of one system; every system talks only over loopback. */
final class LoopbackPorts {
    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /**
     * @return {@code count} ports nobody listens on, each also free at {@code offset} above it (failure detection
     *     listens there for JGroups' FD_SOCK2)
     */
    static int[] free(int count, int offset) {
        int[] ports = new int[count];
        int found = 0;
        while (found < count) {
            int port = anyFree();
            if (port + offset < 65_536 && isFree(port + offset) && !clashes(ports, found, port, offset)) {
                ports[found++] = port;
            }
        }
        return ports;
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    private static boolean clashes(int[] ports, int length, int port, int offset) {
        for (int i = 0; i < length; i++) {
            if (ports[i] == port || Math.abs(ports[i] - port) == offset) {
                return true;
            }
        }
        return false;
    }
}
