package io.clusterkv.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Reads a node's settings from its sources, each overriding the one before: built-in defaults, a file
 * ({@code --config} or {@code CLUSTERKV_CONFIG}), environment variables {@code CLUSTERKV_...}, then flags
 * ({@code --key value} or {@code --key=value}). An unknown key in any source, or a value that does not parse, is
 * an error naming the key, the value, its source and what is allowed.
 */
public final class SettingsLoader {
    private static final String ENV_PREFIX = "CLUSTERKV_";
    /** Variables of the launcher script (bin/clusterkv), not settings of the node. */
    private static final java.util.Set<String> LAUNCHER_VARIABLES = java.util.Set.of("CLUSTERKV_CLASSPATH");

    /** A raw value and where it came from. */
    private record Raw(String text, String source) {
    }

    private final Map<Setting<?>, Raw> raw = new HashMap<>();

    private SettingsLoader() {
    }

    /** @return whether the arguments ask for help ({@code --help} or {@code -h}) */
    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /**
     * @param args the command-line arguments
     * @param env  the environment (System.getenv() in a process)
     * @return the validated settings
     * @throws SettingsException naming the first bad key or value
     */
    public static NodeSettings load(List<String> args, Map<String, String> env) {
        SettingsLoader loader = new SettingsLoader();
        Map<Setting<?>, Raw> fromEnv = loader.readEnvironment(env);
        Map<Setting<?>, Raw> fromFlags = loader.readFlags(args);
        Raw configFile = fromFlags.getOrDefault(Settings.CONFIG, fromEnv.get(Settings.CONFIG));
        if (configFile != null) {
            loader.raw.putAll(loader.readFile(Settings.CONFIG.parse(configFile.text(), configFile.source())));
        }
        loader.raw.putAll(fromEnv);
        loader.raw.putAll(fromFlags);
        return loader.build();
    }

    private Map<Setting<?>, Raw> readEnvironment(Map<String, String> env) {
        Map<Setting<?>, Raw> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : env.entrySet()) {
            if (!variable.getKey().startsWith(ENV_PREFIX) || LAUNCHER_VARIABLES.contains(variable.getKey())) {
                continue;
            }
            Setting<?> setting = Settings.ALL.stream()
                .filter(candidate -> candidate.environmentVariable().equals(variable.getKey())).findFirst()
                .orElseThrow(() -> new SettingsException("unknown environment variable " + variable.getKey()
                    + suggestion(variable.getKey().substring(ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-'), Setting::environmentVariable) + " (clusterkv --help lists the settings)"));
            values.put(setting, new Raw(variable.getValue(), "environment variable " + variable.getKey()));
        }
        return values;
    }

    private Map<Setting<?>, Raw> readFlags(List<String> args) {
        Map<Setting<?>, Raw> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new SettingsException("unexpected argument '" + arg + "': settings are given as --key value "
                    + "(clusterkv --help lists them)");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new SettingsException("flag --" + name + " needs a value");
            }
            Setting<?> setting = lookup(name).orElseThrow(() -> new SettingsException("unknown flag " + arg
                + suggestion(arg.substring(2), Setting::flag) + " (clusterkv --help lists them)"));
            values.put(setting, new Raw(value, "flag --" + setting.key()));
        }
        return values;
    }

    private Map<Setting<?>, Raw> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException unreadable) {
            throw new SettingsException("cannot read settings file " + file + ": " + unreadable.getMessage());
        }
        Map<Setting<?>, Raw> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            Setting<?> setting = lookup(key).filter(found -> found != Settings.CONFIG)
                .orElseThrow(() -> new SettingsException("unknown setting '" + key + "' in " + file
                    + suggestion(key, Setting::key) + " (docs/configuration.md lists them)"));
            values.put(setting, new Raw(properties.getProperty(key), file.toString()));
        }
        return values;
    }

    private static java.util.Optional<Setting<?>> lookup(String key) {
        return Settings.ALL.stream().filter(setting -> setting.key().equals(key)).findFirst();
    }

    /** @return ", did you mean X?" for the closest known key, if it is close */
    private static String suggestion(String unknown, java.util.function.Function<Setting<?>, String> spelling) {
        return Settings.ALL.stream()
            .min(Comparator.comparingInt(setting -> editDistance(unknown, setting.key())))
            .filter(closest -> editDistance(unknown, closest.key()) <= 3)
            .map(closest -> "; did you mean " + spelling.apply(closest) + "?")
            .orElse("");
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // ---------------------------------------------------------------- building

    private <T> @Nullable T value(Setting<T> setting) {
        Raw given = raw.get(setting);
        if (given != null) {
            return setting.parse(given.text(), given.source());
        }
        String defaultText = setting.defaultText();
        if (defaultText.isEmpty() || defaultText.contains("<")) {
            return null;
        }
        return setting.parse(defaultText, "the default");
    }

    private <T> T required(Setting<T> setting) {
        T value = value(setting);
        if (value == null) {
            throw new IllegalStateException("setting " + setting + " has no default");
        }
        return value;
    }

    private NodeSettings build() {
        String bind = required(Settings.BIND);
        int respPort = required(Settings.RESP_PORT);
        int httpPort = required(Settings.HTTP_PORT);
        int jgroupsPort = required(Settings.JGROUPS_PORT);
        Transport transport = required(Settings.TRANSPORT);
        String nodeName = value(Settings.NODE_NAME);
        if (nodeName == null) {
            nodeName = defaultNodeName(bind, respPort, httpPort);
        }
        List<String> initialHosts = value(Settings.INITIAL_HOSTS);
        if (initialHosts == null || initialHosts.isEmpty()) {
            initialHosts = List.of(hostForDiscovery(bind) + ":" + jgroupsPort);
        }
        for (String host : initialHosts) {
            requireHostAndPort(host);
        }
        String dnsQuery = value(Settings.DNS_QUERY);
        if (transport == Transport.DNS && dnsQuery == null) {
            throw new SettingsException("setting 'dns-query' is required with transport dns: give the DNS name "
                + "whose records are the members (--dns-query)");
        }
        List<String> kryoClasses = value(Settings.KRYO_CLASSES);
        Duration sweep = required(Settings.SWEEP_INTERVAL);
        NodeSettings settings = new NodeSettings(required(Settings.CLUSTER_NAME), nodeName, bind, transport, jgroupsPort,
            required(Settings.JGROUPS_PORT_RANGE), List.copyOf(initialHosts), required(Settings.MULTICAST_ADDRESS),
            required(Settings.MULTICAST_PORT), dnsQuery, value(Settings.JGROUPS_CONFIG), respPort, httpPort,
            required(Settings.WRITE_TIMEOUT), required(Settings.JOIN_TIMEOUT), required(Settings.MAX_KEY_BYTES),
            required(Settings.MAX_VALUE_BYTES), required(Settings.MAX_REQUEST_BYTES), sweep,
            required(Settings.EXPECTED_SIZE), kryoClasses == null ? List.of() : List.copyOf(kryoClasses),
            value(Settings.RESP_PASSWORD), value(Settings.HTTP_TOKEN), clusterSecret(), tls(),
            required(Settings.MAX_CONNECTIONS), required(Settings.RESP_IDLE_TIMEOUT),
            required(Settings.HTTP_IDLE_TIMEOUT), required(Settings.PARTITION_POLICY),
            required(Settings.MINORITY_READS), required(Settings.LOG_LEVEL));
        ProtectedMode.check(settings, required(Settings.PROTECTED_MODE));
        return settings;
    }

    /** The shortest cluster secret: 16 characters, about 96 bits if random (as ClusterNode requires). */
    static final int MIN_SECRET_LENGTH = 16;

    private @Nullable String clusterSecret() {
        String secret = value(Settings.CLUSTER_SECRET);
        Path file = value(Settings.CLUSTER_SECRET_FILE);
        if (secret != null && file != null) {
            throw new SettingsException("settings 'cluster-secret' and 'cluster-secret-file' are both given: set "
                + "only one");
        }
        String source = "setting 'cluster-secret'";
        if (file != null) {
            source = "the first line of cluster-secret-file " + file;
            try {
                secret = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            } catch (IOException | java.io.UncheckedIOException unreadable) {
                throw new SettingsException("cannot read cluster-secret-file " + file + ": "
                    + unreadable.getMessage());
            }
        }
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            throw new SettingsException(source + " is " + secret.length() + " characters long; a cluster secret "
                + "needs at least " + MIN_SECRET_LENGTH + " (e.g. the output of 'openssl rand -base64 32')");
        }
        return secret;
    }

    private NodeSettings.@Nullable Tls tls() {
        Path certificate = value(Settings.TLS_CERT_FILE);
        Path key = value(Settings.TLS_KEY_FILE);
        if ((certificate == null) != (key == null)) {
            throw new SettingsException("TLS needs both tls-cert-file and tls-key-file; only "
                + (certificate == null ? "tls-key-file" : "tls-cert-file") + " is set");
        }
        List<String> endpoints = required(Settings.TLS_ENDPOINTS);
        for (String endpoint : endpoints) {
            if (!endpoint.equals("resp") && !endpoint.equals("http")) {
                throw new SettingsException("setting 'tls-endpoints' has '" + endpoint + "'; it may list resp and "
                    + "http");
            }
        }
        if (certificate == null) {
            return null;
        }
        if (endpoints.isEmpty()) {
            throw new SettingsException("a TLS certificate is set but tls-endpoints lists no endpoint: list resp, "
                + "http or both");
        }
        return new NodeSettings.Tls(certificate, key, endpoints.contains("resp"), endpoints.contains("http"));
    }

    private static String defaultNodeName(String bind, int respPort, int httpPort) {
        try {
            if (!InetAddress.getByName(bind).isLoopbackAddress()) {
                return InetAddress.getLocalHost().getHostName();
            }
        } catch (IOException unknown) {
            // fall through to the port-based name
        }
        return "node-" + (respPort != 0 ? respPort : httpPort);
    }

    private static String hostForDiscovery(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    private static void requireHostAndPort(String host) {
        int colon = host.lastIndexOf(':');
        boolean valid = colon > 0 && colon < host.length() - 1;
        if (valid) {
            try {
                int port = Integer.parseInt(host.substring(colon + 1));
                valid = port > 0 && port <= 65535;
            } catch (NumberFormatException notANumber) {
                valid = false;
            }
        }
        if (!valid) {
            throw new SettingsException("setting 'initial-hosts' has '" + host + "', which is not host:port with a "
                + "port from 1 to 65535");
        }
    }

    /** @return the usage text listing every flag, its default and what it does */
    public static String help() {
        StringBuilder help = new StringBuilder("""
            Usage: clusterkv [--key value]...

            Starts a clusterkv node. Each setting can also be given in a file (--config), or as an environment
            variable CLUSTERKV_<KEY> (e.g. CLUSTERKV_RESP_PORT); flags override both. docs/configuration.md has more.

            """);
        for (Setting<?> setting : Settings.ALL) {
            help.append(String.format("  %-26s %s%n", setting.flag() + " <value>", setting.description()));
            help.append(String.format("  %-26s allowed: %s; default: %s%n%n", "", setting.allowed(),
                setting.defaultText().isEmpty() ? "none" : setting.defaultText()));
        }
        return help.toString();
    }

    /** @return the Markdown table of every setting, as docs/configuration.md holds it */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| key (file) | flag | environment variable | default | allowed | "
            + "what it does |\n|---|---|---|---|---|---|\n");
        for (Setting<?> setting : Settings.ALL) {
            table.append("| `").append(setting.key()).append("` | `").append(setting.flag()).append("` | `")
                .append(setting.environmentVariable()).append("` | ")
                .append(setting.defaultText().isEmpty() ? "none" : "`" + setting.defaultText() + "`").append(" | ")
                .append(setting.allowed()).append(" | ").append(setting.description()).append(" |\n");
        }
        return table.toString();
    }
}
