package io.clusterkv.node.resp;

import io.clusterkv.node.Endpoint;
import io.clusterkv.node.NodeContext;

/** The Redis protocol endpoint (placeholder until the RESP server lands). */
public final class RespEndpoint {
    private RespEndpoint() {
    }

    /** @return the listening endpoint */
    public static Endpoint listen(NodeContext context) {
        throw new UnsupportedOperationException("RESP endpoint not implemented yet");
    }
}
