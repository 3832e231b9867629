package io.clusterkv.node.http;

import io.clusterkv.node.Endpoint;
import io.clusterkv.node.NodeContext;

/** The HTTP endpoint (placeholder until the HTTP server lands). */
public final class HttpEndpoint {
    private HttpEndpoint() {
    }

    /** @return the listening endpoint */
    public static Endpoint listen(NodeContext context) {
        throw new UnsupportedOperationException("HTTP endpoint not implemented yet");
    }
}
