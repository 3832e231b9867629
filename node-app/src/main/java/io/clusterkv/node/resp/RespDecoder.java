package io.clusterkv.node.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/*
 * A streaming RESP request decoder, written to accept and refuse exactly what Redis' processMultibulkBuffer and
 * processInlineBuffer accept and refuse, with the same error texts:
 *
 * - A request starting with '*' is an array of bulk strings: "*<n>\r\n" then n times "$<len>\r\n<bytes>\r\n". As in
 *   Redis, a count of zero or less is ignored, the two bytes after a bulk string are skipped unchecked, a header line
 *   without "\r" within 64 KiB is an error, and so are a bad count, a bad length and any other type byte.
 * - Anything else is an inline command: one line up to "\n", split as Redis' sdssplitargs splits it.
 * - A malformed request yields a protocol error (the connection answers it and closes); everything after it is
 *   discarded.
 *
 * Limits: the decoder knows the command once its name has arrived, so it holds each key argument to max-key-bytes
 * and every other argument to max-value-bytes, and all arguments together to max-request-bytes. A request over a
 * limit is refused with an error naming the limit, and the connection stays usable: its remaining bytes are skipped
 * as they arrive, so an oversized value is never buffered. A bulk string is copied into its own array as its bytes
 * arrive, so a large value sits in memory once, not also in the cumulation buffer. Before authentication, requests
 * are held to Redis' limits for unauthenticated clients (10 arguments, 16 KiB per argument).
 *
 * One request is emitted per decode() call, so that the connection executes it (AUTH, for one) before the next
 * header is judged.
 */

/** Decodes RESP requests (arrays of bulk strings and inline commands) into {@link RespRequest}s, within limits. */
final class RespDecoder extends ByteToMessageDecoder {
    /** Redis' PROTO_INLINE_MAX_SIZE: the longest inline command, and the longest header line awaited. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** Redis' default proto-max-bulk-len: a longer bulk string is a protocol error, not just a refused request. */
    static final long MAX_BULK_BYTES = 512L * 1024 * 1024;
    /** Redis' limits for a client that has not authenticated yet. */
    static final int UNAUTHENTICATED_MAX_ARGUMENTS = 10;
    static final int UNAUTHENTICATED_MAX_BULK_BYTES = 16 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[][] NO_ARGUMENTS = new byte[0][];
    private static final int INITIAL_ARGUMENTS = 8;

    private enum State { REQUEST_START, BULK_HEADER, BULK_BODY, BULK_END, SKIP_BULK, DISCARD }

    private final RespLimits limits;
    private final CommandTable commands;
    private final BooleanSupplier mayRequestUnlimited;
    private final RespMetrics metrics;
    private final byte[] digits = new byte[RespNumbers.MAX_LONG_CHARS];

    private State state = State.REQUEST_START;
    // The array request in progress.
    private int expectedArguments;
    private int receivedArguments;
    private byte[][] arguments = NO_ARGUMENTS;
    private @Nullable RespCommand command;
    private long requestBytes;
    private @Nullable String rejection;
    // The bulk string in progress.
    private byte[] bulk = EMPTY;
    private int bulkFilled;
    private long bytesToSkip;

    /**
     * @param mayRequestUnlimited whether the client is authenticated (or needs no authentication), which lifts
     *                            Redis' limits for unauthenticated clients
     */
    RespDecoder(RespLimits limits, CommandTable commands, BooleanSupplier mayRequestUnlimited, RespMetrics metrics) {
        this.limits = limits;
        this.commands = commands;
        this.mayRequestUnlimited = mayRequestUnlimited;
        this.metrics = metrics;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && out.isEmpty()) {
            boolean progressed = switch (state) {
                case REQUEST_START -> startRequest(in, out);
                case BULK_HEADER -> readBulkHeader(in, out);
                case BULK_BODY -> readBulkBody(in);
                case BULK_END -> readBulkEnd(in, out);
                case SKIP_BULK -> skipBulk(in, out);
                case DISCARD -> discard(in);
            };
            if (!progressed) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ request start

    private boolean startRequest(ByteBuf in, List<Object> out) {
        return in.getByte(in.readerIndex()) == '*' ? readArrayHeader(in, out) : readInline(in, out);
    }

    private boolean readArrayHeader(ByteBuf in, List<Object> out) {
        int cr = headerLineEnd(in);
        if (cr < 0) {
            return cr == LINE_TOO_LONG && fail(in, out, "too big mbulk count string");
        }
        long count = headerNumber(in, in.readerIndex() + 1, cr);
        in.readerIndex(cr + 2);
        if (count == INVALID_NUMBER || count > limits.maxArguments()) {
            return fail(in, out, "invalid multibulk length");
        }
        if (count > UNAUTHENTICATED_MAX_ARGUMENTS && !mayRequestUnlimited.getAsBoolean()) {
            return fail(in, out, "unauthenticated multibulk length");
        }
        if (count > 0) {
            startArray((int) count);
        }
        return true;
    }

    private void startArray(int count) {
        expectedArguments = count;
        receivedArguments = 0;
        arguments = new byte[Math.min(count, INITIAL_ARGUMENTS)][];
        command = null;
        requestBytes = 0;
        rejection = null;
        state = State.BULK_HEADER;
    }

    private boolean readInline(ByteBuf in, List<Object> out) {
        int lf = lineEnd(in, (byte) '\n');
        if (lf < 0) {
            return in.readableBytes() > MAX_LINE_BYTES && fail(in, out, "too big inline request");
        }
        int lineEnd = lf > in.readerIndex() && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        byte[] line = new byte[lineEnd - in.readerIndex()];
        in.getBytes(in.readerIndex(), line);
        in.readerIndex(lf + 1);
        List<byte[]> split = InlineParser.split(line);
        if (split == null) {
            return fail(in, out, "unbalanced quotes in request");
        }
        if (!split.isEmpty()) {
            emitInline(split.toArray(new byte[0][]), out);
        }
        return true;
    }

    private void emitInline(byte[][] args, List<Object> out) {
        command = commands.lookup(args[0]);
        requestBytes = 0;
        rejection = null;
        for (int i = 0; i < args.length && rejection == null; i++) {
            checkLimits(i, args.length, args[i].length);
        }
        out.add(rejection != null ? RespRequest.rejected(rejection) : RespRequest.of(command, args));
    }

    // ------------------------------------------------------------------ bulk strings

    private boolean readBulkHeader(ByteBuf in, List<Object> out) {
        int cr = headerLineEnd(in);
        if (cr < 0) {
            return cr == LINE_TOO_LONG && fail(in, out, "too big bulk count string");
        }
        byte type = in.getByte(in.readerIndex());
        if (type != '$') {
            return fail(in, out, "expected '$', got '" + RespValues.toKey(new byte[] {type}) + "'");
        }
        long length = headerNumber(in, in.readerIndex() + 1, cr);
        in.readerIndex(cr + 2);
        if (length < 0 || length > MAX_BULK_BYTES) {
            return fail(in, out, "invalid bulk length");
        }
        if (length > UNAUTHENTICATED_MAX_BULK_BYTES && !mayRequestUnlimited.getAsBoolean()) {
            return fail(in, out, "unauthenticated bulk length");
        }
        checkLimits(receivedArguments, expectedArguments, length);
        if (rejection != null) {
            bytesToSkip = length + 2;
            state = State.SKIP_BULK;
        } else {
            bulk = length == 0 ? EMPTY : new byte[(int) length];
            bulkFilled = 0;
            state = State.BULK_BODY;
        }
        return true;
    }

    private boolean readBulkBody(ByteBuf in) {
        int chunk = Math.min(in.readableBytes(), bulk.length - bulkFilled);
        in.readBytes(bulk, bulkFilled, chunk);
        bulkFilled += chunk;
        if (bulkFilled < bulk.length) {
            return false;
        }
        state = State.BULK_END;
        return true;
    }

    /** Skips the two bytes after a bulk string unchecked, as Redis does. */
    private boolean readBulkEnd(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 2) {
            return false;
        }
        in.skipBytes(2);
        if (receivedArguments == 0) {
            command = commands.lookup(bulk);
        }
        if (receivedArguments == arguments.length) {
            arguments = Arrays.copyOf(arguments, Math.min(expectedArguments, arguments.length * 2));
        }
        arguments[receivedArguments] = bulk;
        bulk = EMPTY;
        return argumentDone(out);
    }

    private boolean skipBulk(ByteBuf in, List<Object> out) {
        int chunk = (int) Math.min(in.readableBytes(), bytesToSkip);
        in.skipBytes(chunk);
        bytesToSkip -= chunk;
        return bytesToSkip == 0 && argumentDone(out);
    }

    private boolean argumentDone(List<Object> out) {
        receivedArguments++;
        if (receivedArguments < expectedArguments) {
            state = State.BULK_HEADER;
            return true;
        }
        out.add(rejection != null ? RespRequest.rejected(rejection) : RespRequest.of(command, arguments));
        arguments = NO_ARGUMENTS;
        state = State.REQUEST_START;
        return true;
    }

    // ------------------------------------------------------------------ limits and errors

    /** Refuses the request (once) if argument {@code index} of {@code length} bytes breaks a limit. */
    private void checkLimits(int index, int argc, long length) {
        if (rejection != null) {
            return;
        }
        requestBytes += length;
        RejectionReason reason = null;
        if (index > 0 && command != null && command.keys().isKey(index, argc) && length > limits.maxKeyBytes()) {
            reason = RejectionReason.KEY_TOO_LARGE;
            rejection = "ERR key is " + length + " bytes; max-key-bytes allows " + limits.maxKeyBytes();
        } else if (length > limits.maxValueBytes()) {
            reason = RejectionReason.VALUE_TOO_LARGE;
            rejection = "ERR value is " + length + " bytes; max-value-bytes allows " + limits.maxValueBytes();
        } else if (requestBytes > limits.maxRequestBytes()) {
            reason = RejectionReason.REQUEST_TOO_LARGE;
            rejection = "ERR request is over " + limits.maxRequestBytes() + " bytes; max-request-bytes allows "
                + limits.maxRequestBytes();
        }
        if (reason != null) {
            metrics.rejected(reason);
        }
    }

    /**
     * Emits a protocol error and discards everything after it (consuming it, as ByteToMessageDecoder requires of a
     * decode that emits); the connection answers and closes.
     */
    private boolean fail(ByteBuf in, List<Object> out, String what) {
        in.skipBytes(in.readableBytes());
        metrics.rejected(RejectionReason.PROTOCOL_ERROR);
        out.add(RespRequest.protocolError(what));
        arguments = NO_ARGUMENTS;
        bulk = EMPTY;
        state = State.DISCARD;
        return true;
    }

    private static boolean discard(ByteBuf in) {
        in.skipBytes(in.readableBytes());
        return false;
    }

    // ------------------------------------------------------------------ header lines

    private static final int INCOMPLETE = -1;
    private static final int LINE_TOO_LONG = -2;
    private static final long INVALID_NUMBER = Long.MIN_VALUE;

    /**
     * @return the index of the header line's '\r' once a byte follows it (Redis does not check that it is '\n'),
     *     {@link #INCOMPLETE} to wait for more, or {@link #LINE_TOO_LONG} past 64 KiB without a '\r'
     */
    private static int headerLineEnd(ByteBuf in) {
        int cr = lineEnd(in, (byte) '\r');
        if (cr < 0) {
            return in.readableBytes() > MAX_LINE_BYTES ? LINE_TOO_LONG : INCOMPLETE;
        }
        return cr + 1 < in.writerIndex() ? cr : INCOMPLETE;
    }

    /**
     * Finds the end of a line as Redis does, with C's {@code strchr}, which stops at a NUL byte: a line with a NUL
     * before its end is not complete yet (until it is too long).
     *
     * @return the index of the first {@code end} byte, or -1 if there is none before a NUL or the end of the data
     */
    private static int lineEnd(ByteBuf in, byte end) {
        int found = in.forEachByte(in.readerIndex(), in.readableBytes(), b -> b != end && b != 0);
        return found >= 0 && in.getByte(found) == end ? found : -1;
    }

    /** @return the canonical decimal number in {@code [from, to)}, or {@link #INVALID_NUMBER} */
    private long headerNumber(ByteBuf in, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > digits.length) {
            return INVALID_NUMBER;
        }
        in.getBytes(from, digits, 0, length);
        if (!RespNumbers.isCanonicalLong(digits, 0, length)) {
            return INVALID_NUMBER;
        }
        long value = RespNumbers.parseCanonicalLong(digits, 0, length);
        // Long.MIN_VALUE itself is negative, which every caller refuses or ignores as Redis does.
        return value == INVALID_NUMBER ? -1 : value;
    }
}
