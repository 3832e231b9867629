package io.clusterkv.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting of a node: its key, how its text is parsed and checked, its default and what it does. The key is
 * written the same way everywhere: {@code resp-port} in a file, {@code --resp-port} as a flag,
 * {@code CLUSTERKV_RESP_PORT} in the environment.
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(|b|kib|k|mib|m|gib|g)");

    private final String key;
    private final String defaultText;
    private final String allowed;
    private final String description;
    private final Function<String, T> parser;

    private Setting(String key, String defaultText, String allowed, String description, Function<String, T> parser) {
        this.key = key;
        this.defaultText = defaultText;
        this.allowed = allowed;
        this.description = description;
        this.parser = parser;
    }

    /** @return the key, e.g. {@code resp-port} */
    public String key() {
        return key;
    }

    /** @return the default as written in the documentation (empty: none) */
    public String defaultText() {
        return defaultText;
    }

    /** @return what values are allowed, in words */
    public String allowed() {
        return allowed;
    }

    /** @return what the setting does */
    public String description() {
        return description;
    }

    /** @return the command-line flag */
    public String flag() {
        return "--" + key;
    }

    /** @return the environment variable */
    public String environmentVariable() {
        return "CLUSTERKV_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * @param source where the text came from, for the error message
     * @throws SettingsException if the text is not an allowed value
     */
    T parse(String text, String source) {
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException invalid) {
            throw new SettingsException("setting '" + key + "' = '" + text + "' (from " + source + ") is not valid: "
                + "it must be " + allowed);
        }
    }

    // ---------------------------------------------------------------- kinds of settings

    static Setting<String> text(String key, String defaultText, String description) {
        return new Setting<>(key, defaultText, "a non-empty text", description, value -> {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return value;
        });
    }

    static Setting<String> secret(String key, String description) {
        return new Setting<>(key, "", "a non-empty text", description, value -> {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return value;
        });
    }

    static Setting<Integer> port(String key, String defaultText, boolean zeroDisables, String description) {
        int lowest = zeroDisables ? 0 : 1;
        return new Setting<>(key, defaultText, "a port number from " + lowest + " to 65535"
            + (zeroDisables ? " (0 turns it off)" : ""), description, value -> {
                int port = Integer.parseInt(value);
                if (port < lowest || port > 65535) {
                    throw new IllegalArgumentException("out of range");
                }
                return port;
            });
    }

    static Setting<Integer> count(String key, String defaultText, int lowest, int highest, String description) {
        return new Setting<>(key, defaultText, "a whole number from " + lowest + " to " + highest, description,
            value -> {
                int count = Integer.parseInt(value);
                if (count < lowest || count > highest) {
                    throw new IllegalArgumentException("out of range");
                }
                return count;
            });
    }

    static Setting<Duration> duration(String key, String defaultText, boolean zeroAllowed, String description) {
        return new Setting<>(key, defaultText, "a duration such as 250ms, 5s, 2m or 1h (or ISO-8601, PT5S)"
            + (zeroAllowed ? ", 0 to turn it off" : ", more than zero"), description, value -> {
                Duration duration = parseDuration(value);
                if (duration.isNegative() || (duration.isZero() && !zeroAllowed)) {
                    throw new IllegalArgumentException("not positive");
                }
                return duration;
            });
    }

    static Setting<Long> bytes(String key, String defaultText, String description) {
        return new Setting<>(key, defaultText, "a size in bytes such as 1048576, 512KiB, 8MiB or 1GiB, more than zero",
            description, value -> {
                long bytes = parseBytes(value);
                if (bytes <= 0) {
                    throw new IllegalArgumentException("not positive");
                }
                return bytes;
            });
    }

    static Setting<String> address(String key, String defaultText, String description) {
        return new Setting<>(key, defaultText, "an IP address or a host name of this machine (0.0.0.0: all "
            + "interfaces)", description, value -> {
                try {
                    InetAddress.getByName(value);
                    return value;
                } catch (UnknownHostException unknown) {
                    throw new IllegalArgumentException("unknown host", unknown);
                }
            });
    }

    static <E extends Enum<E>> Setting<E> choice(String key, Class<E> type, String defaultText, String description) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return new Setting<>(key, defaultText, "one of " + String.join(", ", names), description,
            value -> Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    static Setting<List<String>> list(String key, String defaultText, String description) {
        return new Setting<>(key, defaultText, "a comma-separated list", description,
            value -> value.isEmpty() ? List.of() : Arrays.stream(value.split(",")).map(String::trim)
                .filter(item -> !item.isEmpty()).toList());
    }

    static Setting<Path> file(String key, String description) {
        return new Setting<>(key, "", "the path of a readable file", description, value -> {
            Path path = Path.of(value);
            if (!java.nio.file.Files.isReadable(path)) {
                throw new IllegalArgumentException("not readable");
            }
            return path;
        });
    }

    static Setting<Boolean> flag(String key, String defaultText, String description) {
        return new Setting<>(key, defaultText, "true or false", description, value -> switch (value.toLowerCase(
            Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new IllegalArgumentException("not a boolean");
            });
    }

    static Duration parseDuration(String value) {
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        if (value.startsWith("P") || value.startsWith("p")) {
            return Duration.parse(value);
        }
        Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    static long parseBytes(String value) {
        Matcher matcher = BYTES.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size");
        }
        long amount = Long.parseLong(matcher.group(1));
        long unit = switch (matcher.group(2)) {
            case "kib", "k" -> 1L << 10;
            case "mib", "m" -> 1L << 20;
            case "gib", "g" -> 1L << 30;
            default -> 1;
        };
        return Math.multiplyExact(amount, unit);
    }

    @Override
    public String toString() {
        return key;
    }
}
