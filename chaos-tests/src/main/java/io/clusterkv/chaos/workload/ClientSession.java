package io.clusterkv.chaos.workload;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.HistoryRecorder;
import io.clusterkv.chaos.history.PendingOperation;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * One client thread's state: the node it is pinned to, its connection there, its logical process and its own
 * random numbers. Not thread-safe: one client thread owns it.
 *
 * <p>Process ids follow Jepsen: a process whose operation ended with an unknown outcome may still have it in
 * flight, so the client goes on as a new process ({@code process + stride}, where the stride is the number of
 * clients of the run).
 */
public final class ClientSession implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());

    /** An operation's call to the node: returns the result to record, or throws a {@link ClientException}. */
    @FunctionalInterface
    public interface Call {
        /** @return the operation's result as {@link io.clusterkv.chaos.history.KvFunction} documents it */
        @Nullable Object call();
    }

    private final int client;
    private final int stride;
    private final NodeAddress node;
    private final HistoryRecorder history;
    private final RespClientFactory respClients;
    private final HttpKvClient http;
    private final Duration timeout;
    private final Random random;
    private int process;
    private long sequence;
    private boolean backOff;
    private @Nullable RespClient resp;

    /**
     * @param client      this client's number, from 0, unique in the run
     * @param stride      how many clients the run has
     * @param node        the node this client talks to
     * @param history     where operations are recorded
     * @param respClients how to connect over RESP
     * @param http        the HTTP client
     * @param timeout     how long a request may take before its outcome is unknown
     * @param seed        this client's random seed
     */
    public ClientSession(int client, int stride, NodeAddress node, HistoryRecorder history,
                         RespClientFactory respClients, HttpKvClient http, Duration timeout, long seed) {
        this.client = client;
        this.stride = stride;
        this.process = client;
        this.node = Objects.requireNonNull(node, "node cannot be null");
        this.history = Objects.requireNonNull(history, "history cannot be null");
        this.respClients = Objects.requireNonNull(respClients, "RESP client factory cannot be null");
        this.http = Objects.requireNonNull(http, "HTTP client cannot be null");
        this.timeout = Objects.requireNonNull(timeout, "timeout cannot be null");
        this.random = new Random(seed);
    }

    /** @return the logical process that invokes the next operation */
    public int process() {
        return process;
    }

    /** @return the name of the node this client talks to */
    public String node() {
        return node.name();
    }

    /** @return where the node listens */
    public NodeAddress address() {
        return node;
    }

    /** @return the run's history recorder */
    public HistoryRecorder history() {
        return history;
    }

    /** @return this client's random numbers */
    public Random random() {
        return random;
    }

    /** @return the HTTP client */
    public HttpKvClient http() {
        return http;
    }

    /**
     * @param kind a short word naming the workload's values, e.g. {@code v}
     * @return a value no other operation of the run writes, e.g. {@code v-3-17}; it contains a {@code -} (see
     *         {@link HttpKvClient#decode})
     */
    public String uniqueValue(String kind) {
        return kind + "-" + client + "-" + ++sequence;
    }

    /**
     * @return a connected RESP client, or null if the node cannot be reached now (nothing is recorded then, and the
     *         client backs off before its next step)
     */
    public @Nullable RespClient resp() {
        if (resp == null) {
            try {
                resp = respClients.connect(node, timeout);
            } catch (ClientException unreachable) {
                backOff = true;
                return null;
            }
        }
        return resp;
    }

    /**
     * Performs an invoked operation and records its outcome: the call's result if it returns, the failure's
     * classification if it throws a {@link ClientException}, an unknown outcome for anything else.
     */
    public void perform(PendingOperation op, Call call) {
        try {
            op.ok(call.call());
        } catch (ClientException failure) {
            failure.complete(op);
            afterFailure(failure.completion() == CompletionType.INFO,
                    failure.connectionBroken());
        } catch (RuntimeException unexpected) {
            LOG.log(System.Logger.Level.WARNING, "client " + client + " on " + node.name()
                    + ": unexpected failure, recorded as unknown outcome", unexpected);
            op.info(unexpected);
            afterFailure(true, true);
        }
    }

    /** @return whether the last step found the node unreachable or refusing (and clears it) */
    public boolean takeBackOff() {
        boolean value = backOff;
        backOff = false;
        return value;
    }

    // A refusal (no quorum, loading) is retryable later, as a real client retries: back off rather than spin.
    private void afterFailure(boolean unknownOutcome, boolean connectionBroken) {
        if (unknownOutcome) {
            process += stride;
        } else {
            backOff = true;
        }
        if (connectionBroken) {
            closeResp();
            backOff = true;
        }
    }

    private void closeResp() {
        if (resp != null) {
            resp.close();
            resp = null;
        }
    }

    /** Closes the RESP connection, if any. */
    @Override
    public void close() {
        closeResp();
    }
}
