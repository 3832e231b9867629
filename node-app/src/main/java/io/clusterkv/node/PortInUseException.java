package io.clusterkv.node;

/** An endpoint's port is taken; the message says which and how to choose another. */
public final class PortInUseException extends RuntimeException {

    /**
     * @param endpoint the endpoint (RESP, HTTP)
     * @param address  the address it tried
     * @param port     the port it tried
     * @param flag     the flag that chooses another port
     */
    public PortInUseException(String endpoint, String address, int port, String flag) {
        super(endpoint + " port " + port + " on " + address + " is already in use; choose another with " + flag);
    }
}
