package io.clusterkv.node.resp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits an inline command line (what telnet or {@code redis-benchmark}'s PING_INLINE send) into arguments exactly
 * as Redis' {@code sdssplitargs}: blanks separate arguments; "double quotes" understand {@code \n \r \t \b \a},
 * {@code \xHH} and {@code \<any>}; 'single quotes' understand only {@code \'}; a closing quote must be followed by
 * a blank or the end; the line ends at its first NUL byte, as a C string does.
 */
final class InlineParser {
    private final byte[] line;
    private final int end;
    private int position;

    private InlineParser(byte[] line) {
        this.line = line;
        int nul = 0;
        while (nul < line.length && line[nul] != 0) {
            nul++;
        }
        this.end = nul;
    }

    /** @return the arguments of the line (none for a blank line), or null if a quote is not closed properly */
    static @Nullable List<byte[]> split(byte[] line) {
        return new InlineParser(line).split();
    }

    private @Nullable List<byte[]> split() {
        List<byte[]> arguments = new ArrayList<>();
        while (true) {
            while (position < end && isSpace(line[position])) {
                position++;
            }
            if (position == end) {
                return arguments;
            }
            byte[] argument = nextArgument();
            if (argument == null) {
                return null;
            }
            arguments.add(argument);
        }
    }

    private byte @Nullable [] nextArgument() {
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        boolean inDoubleQuotes = false;
        boolean inSingleQuotes = false;
        while (true) {
            int c = at(position);
            if (inDoubleQuotes) {
                if (c == '\\' && at(position + 1) == 'x' && isHex(at(position + 2)) && isHex(at(position + 3))) {
                    current.write(Character.digit(at(position + 2), 16) * 16 + Character.digit(at(position + 3), 16));
                    position += 3;
                } else if (c == '\\' && at(position + 1) != 0) {
                    position++;
                    current.write(unescape(at(position)));
                } else if (c == '"') {
                    if (!closesArgument(position + 1)) {
                        return null;
                    }
                    position++;
                    return current.toByteArray();
                } else if (c == 0) {
                    return null; // the quotes are not closed
                } else {
                    current.write(c);
                }
            } else if (inSingleQuotes) {
                if (c == '\\' && at(position + 1) == '\'') {
                    position++;
                    current.write('\'');
                } else if (c == '\'') {
                    if (!closesArgument(position + 1)) {
                        return null;
                    }
                    position++;
                    return current.toByteArray();
                } else if (c == 0) {
                    return null;
                } else {
                    current.write(c);
                }
            } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0) {
                if (c != 0) {
                    position++;
                }
                return current.toByteArray();
            } else if (c == '"') {
                inDoubleQuotes = true;
            } else if (c == '\'') {
                inSingleQuotes = true;
            } else {
                current.write(c);
            }
            position++;
        }
    }

    /** A closing quote must be followed by a blank or the end of the line. */
    private boolean closesArgument(int next) {
        return at(next) == 0 || isSpace((byte) at(next));
    }

    /** The byte at {@code i} (0 to 255), or 0 at and past the end, as C's terminating NUL. */
    private int at(int i) {
        return i < end ? line[i] & 0xFF : 0;
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7;
            default -> c;
        };
    }

    /** C's isspace: space, \t, \n, \v, \f, \r. */
    private static boolean isSpace(byte b) {
        return b == ' ' || b >= '\t' && b <= '\r';
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
