package io.clusterkv.cluster.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.clusterkv.cluster.UnregisteredClassException;
import io.clusterkv.core.InvalidArgumentException;
import io.clusterkv.core.SetOptions.Condition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wire form of commands and batches, written with Kryo's Output and Input.
 *
 * <pre>
 * batch   := format:byte originId:long originTime:varlong count:varint entry*
 * entry   := requestId:varlong length:varint command[length]
 * command := type:byte fields (see each Command's writeFields); values are Kryo writeClassAndObject bytes,
 *            length-prefixed
 * </pre>
 *
 * Each command is length-prefixed so that one that does not decode is skipped without losing the rest of its batch.
 */
public final class CommandCodec {
    static final byte FORMAT = 1;


    private static final Pattern UNREGISTERED = Pattern.compile("Class is not registered: ([^\\s]+)");
    private static final Condition[] CONDITIONS = Condition.values();

    private final KryoRegistry registry;
    private final ThreadLocal<Output> scratch = ThreadLocal.withInitial(() -> new Output(256, -1));

    /** @param registry the node's Kryo registrations */
    public CommandCodec(KryoRegistry registry) {
        this.registry = registry;
    }

    // ---------------------------------------------------------------- values

    // The value forms: strings, longs and byte arrays (every RESP value, most Java values) have a form of their own
    // that decodes without Kryo; everything else is Kryo's writeClassAndObject with registration required.
    private static final byte KRYO_VALUE = 0;
    private static final byte STRING_VALUE = 1;
    private static final byte LONG_VALUE = 2;
    private static final byte BYTES_VALUE = 3;

    /**
     * Serializes a value at the caller, so an unregistered class fails there and nothing is sent.
     *
     * @throws UnregisteredClassException if the value or anything inside it is of an unregistered class
     */
    public byte[] encodeValue(Object value) {
        if (value instanceof String text && !hasSurrogate(text)) {
            return tagged(STRING_VALUE, text.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof byte[] bytes) {
            return tagged(BYTES_VALUE, bytes);
        }
        if (value instanceof Long number) {
            byte[] encoded = new byte[9];
            encoded[0] = LONG_VALUE;
            LONGS.set(encoded, 1, number.longValue());
            return encoded;
        }
        Kryo kryo = registry.obtain();
        Output output = scratch.get();
        output.reset();
        try {
            output.writeByte(KRYO_VALUE);
            kryo.writeClassAndObject(output, value);
            return output.toBytes();
        } catch (KryoException | IllegalArgumentException failure) {
            throw unregistered(value, failure);
        } finally {
            registry.release(kryo);
        }
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] encoded = new byte[body.length + 1];
        encoded[0] = tag;
        System.arraycopy(body, 0, encoded, 1, body.length);
        return encoded;
    }

    /** @return the value decoded with the given (thread-confined) Kryo */
    public static Object decodeValue(Kryo kryo, byte[] bytes) {
        if (bytes.length == 0) {
            throw new MalformedCommandException("empty value");
        }
        return switch (bytes[0]) {
            case STRING_VALUE -> new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
            case BYTES_VALUE -> java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
            case LONG_VALUE -> {
                if (bytes.length != 9) {
                    throw new MalformedCommandException("a long value of " + (bytes.length - 1) + " bytes");
                }
                yield (long) LONGS.get(bytes, 1);
            }
            case KRYO_VALUE -> kryo.readClassAndObject(new Input(bytes, 1, bytes.length - 1));
            default -> throw new MalformedCommandException("unknown value form " + bytes[0]);
        };
    }

    private static final java.lang.invoke.VarHandle LONGS =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private static RuntimeException unregistered(Object value, RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher matcher = UNREGISTERED.matcher(String.valueOf(cause.getMessage()));
            if (matcher.find()) {
                return new UnregisteredClassException(matcher.group(1));
            }
        }
        return new InvalidArgumentException("value of " + value.getClass().getName()
            + " cannot be serialized for replication: " + failure.getMessage());
    }

    // ---------------------------------------------------------------- commands

    /** @return the command's bytes, without request id */
    public byte[] encodeCommand(Command command) {
        Output out = scratch.get();
        out.reset();
        out.writeByte(command.type());
        command.writeFields(out);
        return out.toBytes();
    }

    /**
     * @return the command in {@code bytes[offset, offset + length)}
     * @throws MalformedCommandException if they are not a command
     */
    public static Command decodeCommand(byte[] bytes, int offset, int length) {
        try {
            Input in = new Input(bytes, offset, length);
            byte type = in.readByte();
            return switch (type) {
                case Command.Set.TYPE -> new Command.Set(readKey(in), readBytes(in), in.readVarLong(true),
                    CONDITIONS[in.readByte()], in.readBoolean());
                case Command.Delete.TYPE -> new Command.Delete(readKey(in), in.readBoolean());
                case Command.Expire.TYPE -> new Command.Expire(readKey(in), in.readVarLong(true));
                case Command.Persist.TYPE -> new Command.Persist(readKey(in));
                case Command.Increment.TYPE -> new Command.Increment(readKey(in), in.readVarLong(false));
                case Command.MultiSet.TYPE -> readMultiSet(in);
                case Command.Clear.TYPE -> new Command.Clear();
                case Command.Sweep.TYPE -> readSweep(in);
                case Command.StateRequest.TYPE -> new Command.StateRequest(in.readLong(), in.readLong(), in.readLong());
                case Command.Membership.TYPE -> new Command.Membership(readKey(in), in.readBoolean());
                case Command.Read.TYPE -> new Command.Read(readKey(in));
                default -> throw new MalformedCommandException("unknown command type " + type);
            };
        } catch (KryoException | IndexOutOfBoundsException | NegativeArraySizeException failure) {
            throw new MalformedCommandException("command does not decode: " + failure.getMessage(), failure);
        }
    }

    private static Command readMultiSet(Input in) {
        int count = readCount(in);
        List<String> keys = new ArrayList<>(count);
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(readKey(in));
            values.add(readBytes(in));
        }
        return new Command.MultiSet(keys, values);
    }

    private static Command readSweep(Input in) {
        long upTo = in.readVarLong(true);
        int count = readCount(in);
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(readKey(in));
        }
        return new Command.Sweep(upTo, keys);
    }

    private static int readCount(Input in) {
        int count = in.readVarInt(true);
        if (count < 0 || count > in.limit()) {
            throw new MalformedCommandException("implausible element count " + count);
        }
        return count;
    }

    /**
     * Keys travel as a length and their UTF-8 bytes rather than Kryo's string form: decoding them with
     * {@code new String(bytes, UTF_8)} is intrinsified, where Kryo reads a character at a time, which was the
     * largest single cost of applying a batch (docs/benchmarks.md). UTF-8 cannot carry a lone surrogate (the RESP
     * endpoint maps bytes that are not UTF-8 to lone surrogates), so a key holding any surrogate travels as its
     * UTF-16 chars instead; the lowest bit of the length says which form follows.
     */
    static void writeKey(Output out, String key) {
        if (hasSurrogate(key)) {
            out.writeVarInt(key.length() << 1 | 1, true);
            for (int i = 0; i < key.length(); i++) {
                out.writeChar(key.charAt(i));
            }
            return;
        }
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        out.writeVarInt(utf8.length << 1, true);
        out.writeBytes(utf8);
    }

    private static String readKey(Input in) {
        int header = in.readVarInt(true);
        int length = header >>> 1;
        boolean utf16 = (header & 1) == 1;
        if (header < 0 || (utf16 ? 2L * length : length) > in.limit() - in.position()) {
            throw new MalformedCommandException("key length " + length + " exceeds the command");
        }
        if (utf16) {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = in.readChar();
            }
            return new String(chars);
        }
        String key = new String(in.getBuffer(), in.position(), length, StandardCharsets.UTF_8);
        in.setPosition(in.position() + length);
        return key;
    }

    /** @return whether the text holds a UTF-16 surrogate, paired or not: only then can UTF-8 fail to carry it */
    static boolean hasSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static void writeBytes(Output out, byte[] bytes) {
        out.writeVarInt(bytes.length, true);
        out.writeBytes(bytes);
    }

    private static byte[] readBytes(Input in) {
        int length = in.readVarInt(true);
        if (length < 0 || length > in.limit() - in.position()) {
            throw new MalformedCommandException("value length " + length + " exceeds the command");
        }
        return in.readBytes(length);
    }

    // ---------------------------------------------------------------- batches

    /** @return one batch holding the encoded commands with their request ids, in order */
    public static byte[] encodeBatch(long originId, long originTime, long[] requestIds, List<byte[]> commands) {
        int size = 1 + 8 + 10 + 5;
        for (byte[] command : commands) {
            size += 10 + 5 + command.length;
        }
        Output out = new Output(size, -1);
        out.writeByte(FORMAT);
        out.writeLong(originId);
        out.writeVarLong(originTime, true);
        out.writeVarInt(commands.size(), true);
        for (int i = 0; i < commands.size(); i++) {
            out.writeVarLong(requestIds[i], true);
            writeBytes(out, commands.get(i));
        }
        return out.toBytes();
    }

    /**
     * @return the batch in {@code bytes[offset, offset + length)}, its commands still encoded
     * @throws MalformedCommandException if the batch frame itself does not decode
     */
    public static CommandBatch decodeBatch(byte[] bytes, int offset, int length) {
        try {
            Input in = new Input(bytes, offset, length);
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new MalformedCommandException("unknown batch format " + format);
            }
            long originId = in.readLong();
            long originTime = in.readVarLong(true);
            int count = readCount(in);
            long[] requestIds = new long[count];
            int[] offsets = new int[count];
            int[] lengths = new int[count];
            for (int i = 0; i < count; i++) {
                requestIds[i] = in.readVarLong(true);
                lengths[i] = in.readVarInt(true);
                offsets[i] = in.position();
                if (lengths[i] < 0 || lengths[i] > in.limit() - in.position()) {
                    throw new MalformedCommandException("command length " + lengths[i] + " exceeds the batch");
                }
                in.setPosition(in.position() + lengths[i]);
            }
            return new CommandBatch(originId, originTime, requestIds, bytes, offsets, lengths);
        } catch (KryoException | IndexOutOfBoundsException failure) {
            throw new MalformedCommandException("batch does not decode: " + failure.getMessage(), failure);
        }
    }
}
