package io.clusterkv.node.resp;

import io.clusterkv.core.AsyncKvStore;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link CommandHandler} works with: the arguments, the store, where the reply goes, the client's session.
 * One instance per connection is reused for every command, so it is valid only while the handler runs; a handler
 * never keeps it, and hands asynchronous results to {@link #replyWhenDone} instead.
 */
final class CommandCall {
    private final RespConnection connection;
    private final ReplyWriter reply;
    private @Nullable RespCommand command;
    private byte[][] args = new byte[0][];
    private @Nullable AsyncKvStore store;

    CommandCall(RespConnection connection, ReplyWriter reply) {
        this.connection = connection;
        this.reply = reply;
    }

    /** Points the call at the next command. */
    void reset(RespCommand nextCommand, byte[][] nextArgs, @Nullable AsyncKvStore nextStore) {
        this.command = nextCommand;
        this.args = nextArgs;
        this.store = nextStore;
    }

    // ------------------------------------------------------------------ arguments

    /** @return the number of arguments, the command's name included */
    int argc() {
        return args.length;
    }

    /** @return argument {@code index}; 0 is the command's name */
    byte[] arg(int index) {
        return args[index];
    }

    /** @return argument {@code index} as a key */
    String key(int index) {
        return RespValues.toKey(args[index]);
    }

    /** @return argument {@code index} as the value to store */
    Object value(int index) {
        return RespValues.toStored(args[index]);
    }

    /** @return argument {@code index} as text (for names and options) */
    String text(int index) {
        return RespValues.toKey(args[index]);
    }

    /** @return whether argument {@code index} is the option {@code lowerCaseName}, in any case */
    boolean argIs(int index, String lowerCaseName) {
        return is(args[index], lowerCaseName);
    }

    /** @return whether {@code argument} is the word {@code lowerCaseName}, in any ASCII case */
    static boolean is(byte[] argument, String lowerCaseName) {
        if (argument.length != lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < argument.length; i++) {
            int b = argument[i] >= 'A' && argument[i] <= 'Z' ? argument[i] + ('a' - 'A') : argument[i];
            if (b != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return the command's name in lower case, as Redis' error texts name it */
    String commandName() {
        return command().name();
    }

    private RespCommand command() {
        if (command == null) {
            throw new IllegalStateException("no command is running");
        }
        return command;
    }

    // ------------------------------------------------------------------ context

    /** @return the store; present for every command of kind READ or WRITE */
    AsyncKvStore store() {
        if (store == null) {
            throw new IllegalStateException(commandName() + " is not a data command");
        }
        return store;
    }

    /** @return the store, or null while the node is still receiving the cluster's state */
    @Nullable AsyncKvStore storeIfReady() {
        return store;
    }

    /** @return where the reply goes now */
    ReplyWriter reply() {
        return reply;
    }

    ClientSession session() {
        return connection.session();
    }

    RespServer server() {
        return connection.server();
    }

    // ------------------------------------------------------------------ asynchronous replies and closing

    /**
     * Answers with {@code encoder} once {@code write} completes (or with its error), after every earlier reply of
     * the connection. The handler writes no reply itself then.
     */
    <T> void replyWhenDone(CompletableFuture<T> write, ReplyEncoder<? super T> encoder) {
        connection.replyWhenDone(write, encoder);
    }

    /** Closes the connection once this command's reply is sent (QUIT). */
    void closeAfterReply() {
        connection.closeAfterReply();
    }

    /** Switches the connection's protocol, for this reply on (HELLO). */
    void useResp3(boolean enabled) {
        reply.resp3(enabled);
        connection.session().resp3(enabled);
    }
}
