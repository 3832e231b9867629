package io.clusterkv.node.resp;

import org.jspecify.annotations.Nullable;

/**
 * What the decoder hands the connection: a command with its arguments, or the error reply for a request that was
 * refused (over a limit) or malformed (after which the connection closes, as Redis does).
 *
 * @param command   the command, or null if the name is unknown or the request was refused
 * @param args      every argument, the command's name first; empty for a refused request
 * @param rejection the error reply for a refused or malformed request, or null
 * @param fatal     whether the connection closes after the rejection's reply (a protocol error)
 */
record RespRequest(@Nullable RespCommand command, byte[][] args, @Nullable String rejection, boolean fatal) {
    private static final byte[][] NO_ARGUMENTS = new byte[0][];

    /** @return a request to execute */
    static RespRequest of(@Nullable RespCommand command, byte[][] args) {
        return new RespRequest(command, args, null, false);
    }

    /** @return a request refused with an error reply; the connection stays open */
    static RespRequest rejected(String error) {
        return new RespRequest(null, NO_ARGUMENTS, error, false);
    }

    /** @return a protocol error: its reply is the last thing the connection sends */
    static RespRequest protocolError(String what) {
        return new RespRequest(null, NO_ARGUMENTS, "ERR Protocol error: " + what, true);
    }

    /** @return whether it is a write, which may be issued while earlier writes are pending */
    boolean isWrite() {
        return command != null && rejection == null && command.isWrite();
    }
}
