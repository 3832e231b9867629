package io.clusterkv.chaos.workload;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.Operation;
import io.clusterkv.chaos.history.PendingOperation;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request that did not succeed, classified as Jepsen classifies it:
 * <ul>
 *   <li>{@linkplain #refused refused}: definitely not applied, recorded {@code fail}: a node without quorum
 *       ({@code -CLUSTERDOWN}, HTTP 503), a node still loading its state, a connection that could not be opened;</li>
 *   <li>{@linkplain #indeterminate indeterminate}: recorded {@code info}, it may take effect at any time or never:
 *       a timeout, a connection lost mid-request, {@code ERR ... outcome is unknown}, HTTP 504, and any error
 *       the workloads do not expect.</li>
 * </ul>
 * Whether the connection is still usable is reported apart: a client drops a broken one and connects again.
 */
public final class ClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final CompletionType completion;
    private final boolean connectionBroken;

    private ClientException(CompletionType completion, boolean connectionBroken, String message,
                            @Nullable Throwable cause) {
        super(Objects.requireNonNull(message, "message cannot be null"), cause);
        this.completion = completion;
        this.connectionBroken = connectionBroken;
    }

    /**
     * @param message          the node's answer or the client's error
     * @param connectionBroken whether the connection must be opened again
     * @return a failure of a request that was definitely not applied
     */
    public static ClientException refused(String message, boolean connectionBroken) {
        return new ClientException(CompletionType.FAIL, connectionBroken, message, null);
    }

    /**
     * @param message          what happened
     * @param connectionBroken whether the connection must be opened again
     * @param cause            the client library's exception, if any
     * @return a failure of a request that may or may not have been applied
     */
    public static ClientException indeterminate(String message, boolean connectionBroken, @Nullable Throwable cause) {
        return new ClientException(CompletionType.INFO, connectionBroken, message, cause);
    }

    /**
     * Classifies a RESP error reply: {@code CLUSTERDOWN} (no quorum: refused before anything was sent) and
     * {@code LOADING} (the node has no state yet) are refusals; every other error may hide an applied write.
     *
     * @param reply the error reply, e.g. {@code CLUSTERDOWN no quorum: ...}
     * @return the classified failure; the connection stays usable
     */
    public static ClientException ofErrorReply(String reply) {
        return reply.startsWith("CLUSTERDOWN") || reply.startsWith("LOADING")
                ? refused(reply, false)
                : indeterminate(reply, false, null);
    }

    /** @return {@link CompletionType#FAIL} or {@link CompletionType#INFO} */
    public CompletionType completion() {
        return completion;
    }

    /** @return whether the client must reconnect before its next request */
    public boolean connectionBroken() {
        return connectionBroken;
    }

    /**
     * Records this failure as the outcome of an operation.
     *
     * @return the completed operation
     */
    public Operation complete(PendingOperation op) {
        return completion == CompletionType.FAIL ? op.fail(getMessage()) : op.info(getMessage());
    }
}
