package io.clusterkv.node.resp;

/** Why the decoder refused a request: the tag of the {@code clusterkv.resp.rejected} counter. */
enum RejectionReason {
    /** A key argument over max-key-bytes. */
    KEY_TOO_LARGE("key"),
    /** Another argument over max-value-bytes. */
    VALUE_TOO_LARGE("value"),
    /** All arguments together over max-request-bytes. */
    REQUEST_TOO_LARGE("request"),
    /** A malformed request; the connection was closed. */
    PROTOCOL_ERROR("protocol");

    private final String tag;

    RejectionReason(String tag) {
        this.tag = tag;
    }

    /** @return the value of the counter's {@code reason} tag */
    String tag() {
        return tag;
    }
}
