package io.clusterkv.node.resp;

import io.clusterkv.cluster.NoQuorumException;
import io.clusterkv.core.KvException;
import io.clusterkv.core.OverflowException;
import io.clusterkv.core.WrongTypeException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The error replies, worded exactly as Redis 7 words them for the same input, and how the store's exceptions map
 * to them. Each text starts with its error code.
 */
final class RespErrors {
    static final String SYNTAX = "ERR syntax error";
    static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";
    static final String NOT_AN_INT = "ERR value is out of range, value must between -2147483648 and 2147483647";
    static final String OVERFLOW = "ERR increment or decrement would overflow";
    static final String DECREMENT_OVERFLOW = "ERR decrement would overflow";
    static final String NOAUTH = "NOAUTH Authentication required.";
    static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    static final String NO_PASSWORD_CONFIGURED = "ERR AUTH <password> called without any password configured for "
        + "the default user. Are you sure your configuration is correct?";
    static final String HELLO_NOAUTH = "NOAUTH HELLO must be called with the client already authenticated, "
        + "otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select "
        + "the RESP protocol version at the same time";
    static final String NOPROTO = "NOPROTO unsupported protocol version";
    static final String PROTOCOL_VERSION_NOT_INTEGER = "ERR Protocol version is not an integer or out of range";
    static final String DB_INDEX_OUT_OF_RANGE = "ERR DB index is out of range";
    static final String INVALID_CURSOR = "ERR invalid cursor";
    static final String INVALID_CLIENT_NAME =
        "ERR Client names cannot contain spaces, newlines or special characters.";
    static final String LOADING = "LOADING clusterkv is receiving the cluster state";

    /** Redis quotes at most this many bytes of an unknown command and its arguments. */
    private static final int QUOTED_ARGUMENTS_LIMIT = 128;

    private RespErrors() {
    }

    /** @return Redis' reply to a wrong number of arguments, naming the command in lower case */
    static String wrongArity(String commandName) {
        return "ERR wrong number of arguments for '" + commandName + "' command";
    }

    /** @return Redis' reply to an unknown command, quoting it and the start of its arguments */
    static String unknownCommand(byte[][] args) {
        StringBuilder quoted = new StringBuilder();
        int quotedBytes = 0;
        for (int i = 1; i < args.length && quotedBytes < QUOTED_ARGUMENTS_LIMIT; i++) {
            int length = quotableLength(args[i], QUOTED_ARGUMENTS_LIMIT - quotedBytes);
            quoted.append('\'').append(quote(args[i], length)).append("' ");
            quotedBytes += length + 3;
        }
        return "ERR unknown command '" + truncated(args[0], QUOTED_ARGUMENTS_LIMIT)
            + "', with args beginning with: " + quoted;
    }

    /** @return Redis' reply to an unknown subcommand of a container command (CLIENT, CONFIG, COMMAND) */
    static String unknownSubcommand(byte[] subcommand, String container) {
        return "ERR unknown subcommand '" + truncated(subcommand, QUOTED_ARGUMENTS_LIMIT) + "'. Try "
            + container.toUpperCase(Locale.ROOT) + " HELP.";
    }

    /** @return Redis' reply to a TTL that is not positive or too large, naming the command in lower case */
    static String invalidExpireTime(String commandName) {
        return "ERR invalid expire time in '" + commandName + "' command";
    }

    /** @return the error reply for a failed store operation */
    static String of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WrongTypeException) {
            return NOT_AN_INTEGER;
        }
        if (cause instanceof OverflowException) {
            return OVERFLOW;
        }
        if (cause instanceof NoQuorumException) {
            // Redis Cluster's error for a cluster that cannot serve; clients treat it as retryable.
            return "CLUSTERDOWN " + cause.getMessage();
        }
        if (cause instanceof KvException || cause.getMessage() != null) {
            return "ERR " + cause.getMessage();
        }
        return "ERR " + cause;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
            && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Quotes user bytes as Redis' {@code %.Ns} does: at most {@code limit} bytes, up to the first NUL byte. The
     * result goes through {@link RespValues#toKey}, so {@link ReplyWriter#error} writes the original bytes back.
     */
    static String truncated(byte[] bytes, int limit) {
        return quote(bytes, quotableLength(bytes, limit));
    }

    private static int quotableLength(byte[] bytes, int limit) {
        int length = 0;
        while (length < bytes.length && length < limit && bytes[length] != 0) {
            length++;
        }
        return length;
    }

    private static String quote(byte[] bytes, int length) {
        return RespValues.toKey(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
    }
}
