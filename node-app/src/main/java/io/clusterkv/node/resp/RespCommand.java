package io.clusterkv.node.resp;

import java.nio.charset.StandardCharsets;

/**
 * One entry of the command table.
 *
 * @param name    the name, in lower case
 * @param arity   Redis' arity: the exact number of arguments including the name, or its negation for "at least"
 * @param kind    how it runs: before authentication or not, on the store or not, inline or as an async write
 * @param keys    which arguments are keys (the decoder holds them to max-key-bytes; COMMAND INFO reports them)
 * @param group   its group in the Redis documentation (COMMAND DOCS)
 * @param summary one line on what it does (COMMAND DOCS)
 * @param handler what executes it
 */
record RespCommand(String name, int arity, Kind kind, KeyPositions keys, String group, String summary,
                   CommandHandler handler) {

    /** How a command runs, which decides where it may run and in which order. */
    enum Kind {
        /** Runs before authentication (AUTH, HELLO, QUIT); needs no store. */
        NO_AUTH,
        /** Connection or server command (PING, CLIENT, INFO...): needs no store, answers while the node joins. */
        CONTROL,
        /** Reads the local replica, inline on the event loop. */
        READ,
        /** Writes through the cluster with an async store call; may be issued while earlier writes are pending. */
        WRITE;

        /** @return whether the command needs the store, so it answers LOADING while the node joins */
        boolean needsStore() {
            return this == READ || this == WRITE;
        }
    }

    /** @return the name's bytes, for the table's lookup */
    byte[] nameBytes() {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /** @return whether {@code argc} arguments (the name included) satisfy the arity */
    boolean acceptsArgumentCount(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    /** @return whether it is a write, which may run ahead of the replies of earlier writes */
    boolean isWrite() {
        return kind == Kind.WRITE;
    }
}
