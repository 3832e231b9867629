package io.clusterkv.node.resp;

import io.clusterkv.core.SetOutcome;

/**
 * Encodes the result of an asynchronous write as its reply, once the write has completed and every earlier reply
 * of the connection has gone out. The common ones are constants, so a pipelined write allocates no encoder.
 *
 * @param <T> the write's result
 */
@FunctionalInterface
interface ReplyEncoder<T> {

    /** Writes the reply for {@code result}. */
    void encode(ReplyWriter out, T result);

    /** {@code +OK} whatever the result (SET, MSET, FLUSHALL). */
    ReplyEncoder<Object> OK = (out, result) -> out.ok();

    /** {@code :1} for true, {@code :0} for false (EXPIRE, PERSIST, single-key DEL). */
    ReplyEncoder<Boolean> ONE_IF_TRUE = (out, result) -> out.integer(result ? 1 : 0);

    /** The number itself (INCR, multi-key DEL). */
    ReplyEncoder<Long> INTEGER = (out, result) -> out.integer(result);

    /** A stored value, or null (GETDEL). */
    ReplyEncoder<Object> VALUE = ReplyWriter::value;

    /** {@code +OK} if a conditional SET stored its value, else null (SET NX/XX). */
    ReplyEncoder<SetOutcome> OK_IF_APPLIED = (out, outcome) -> {
        if (outcome.applied()) {
            out.ok();
        } else {
            out.nullValue();
        }
    };

    /** The value the key held before, or null (SET ... GET). */
    ReplyEncoder<SetOutcome> PREVIOUS_VALUE = (out, outcome) -> out.value(outcome.previous());
}
