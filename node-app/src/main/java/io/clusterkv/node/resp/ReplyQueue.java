package io.clusterkv.node.resp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/*
 * The replies of one connection that cannot go out yet, in command order. Two parts, always in this order:
 *
 * 1. "issued": commands already executed whose reply waits, either for their own asynchronous write or only for
 *    an earlier reply (a reply computed at once behind a pending write is kept encoded here);
 * 2. "deferred": commands not executed yet, because a command before them has not been answered. A read or a
 *    connection command runs only once everything before it has been answered, so it sees every earlier write of
 *    its connection (and HELLO, AUTH or SELECT change the state for exactly the commands after them).
 *
 * A write may be issued while earlier writes are pending, as long as nothing is deferred: one node applies the
 * writes it sends in the order it sends them, so pipelined writes keep their order and overlap their replication.
 *
 * Used on the connection's event loop only, except Entry.accept, which write completions call from any thread.
 */

/** The pending replies and the deferred commands of one connection, in command order. */
final class ReplyQueue {
    private final ArrayDeque<Entry> issued = new ArrayDeque<>();
    private final ArrayDeque<RespRequest> deferred = new ArrayDeque<>();

    /** A reply that cannot go out yet: encoded already, or waiting for its write. */
    static final class Entry implements BiConsumer<Object, Throwable> {
        private final Runnable onCompletion;
        private @Nullable ByteBuf encoded;
        private @Nullable ReplyEncoder<Object> encoder;
        private @Nullable Object result;
        private @Nullable Throwable failure;
        /** Written after the result, so that a reader that sees it true sees the result. */
        private volatile boolean done;

        Entry(Runnable onCompletion) {
            this.onCompletion = onCompletion;
        }

        /** Holds a reply computed at once (the entry owns the buffer). */
        void encoded(ByteBuf reply) {
            this.encoded = reply;
            this.done = true;
        }

        /** Waits for an asynchronous write; its completion encodes the reply with {@code replyEncoder}. */
        @SuppressWarnings("unchecked")
        void await(ReplyEncoder<?> replyEncoder) {
            this.encoder = (ReplyEncoder<Object>) replyEncoder;
        }

        /** @return whether it waits for a write rather than holding an encoded reply */
        boolean awaitsWrite() {
            return encoder != null;
        }

        /** Called by the write's completion, on whatever thread completed it. */
        @Override
        public void accept(@Nullable Object writeResult, @Nullable Throwable writeFailure) {
            this.result = writeResult;
            this.failure = writeFailure;
            this.done = true;
            onCompletion.run();
        }

        boolean isDone() {
            return done;
        }

        /** Writes the reply (call once {@link #isDone}); an encoder that fails leaves its error reply instead. */
        void writeTo(ReplyWriter out) {
            if (encoded != null) {
                out.target().writeBytes(encoded);
                encoded.release();
                encoded = null;
            } else if (failure != null) {
                out.error(RespErrors.of(failure));
            } else if (encoder != null) {
                ByteBuf target = out.target();
                int mark = target.writerIndex();
                try {
                    encoder.encode(out, result);
                } catch (RuntimeException unencodable) {
                    target.writerIndex(mark);
                    out.error(RespErrors.of(unencodable));
                }
            }
        }

        void discard() {
            if (encoded != null) {
                encoded.release();
                encoded = null;
            }
        }
    }

    /** @return whether nothing waits: a command may run and reply at once */
    boolean isEmpty() {
        return issued.isEmpty() && deferred.isEmpty();
    }

    /** @return whether a write may be issued now, behind the pending ones: nothing is deferred */
    boolean acceptsWriteAhead() {
        return deferred.isEmpty();
    }

    /** @return the number of replies and commands waiting */
    int size() {
        return issued.size() + deferred.size();
    }

    /** @return a new entry at the end of the issued part, for a command executed now */
    Entry issue(Runnable onCompletion) {
        Entry entry = new Entry(onCompletion);
        issued.addLast(entry);
        return entry;
    }

    /** Keeps a command to execute once everything before it has been answered. */
    void defer(RespRequest request) {
        deferred.addLast(request);
    }

    /** @return the oldest reply if it is ready to go out, removed; null if there is none or it is pending */
    @Nullable Entry pollReady() {
        Entry head = issued.peekFirst();
        if (head == null || !head.isDone()) {
            return null;
        }
        return issued.pollFirst();
    }

    /** @return whether replies are still pending */
    boolean hasPending() {
        return !issued.isEmpty();
    }

    /** @return the next deferred command if it may run now: anything once no reply is pending, else a write */
    @Nullable RespRequest pollRunnable() {
        RespRequest next = deferred.peekFirst();
        if (next == null || !issued.isEmpty() && !next.isWrite()) {
            return null;
        }
        return deferred.pollFirst();
    }

    /**
     * Drops everything (the connection closed).
     *
     * @return how many of the dropped entries waited for a write
     */
    int clear() {
        int awaitingWrites = 0;
        for (Entry entry : issued) {
            if (entry.awaitsWrite()) {
                awaitingWrites++;
            }
            entry.discard();
        }
        issued.clear();
        deferred.clear();
        return awaitingWrites;
    }
}
