package io.clusterkv.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings come from defaults, a file, the environment and flags, in that order; mistakes are named precisely. */
class SettingsLoaderTest {
    @TempDir
    Path directory;

    @Test
    void load_nothingGiven_usesSafeDefaults() {
        NodeSettings settings = SettingsLoader.load(List.of(), Map.of());

        assertThat(settings.clusterName()).isEqualTo("clusterkv");
        assertThat(settings.nodeName()).isEqualTo("node-6379");
        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.loopbackOnly()).isTrue();
        assertThat(settings.transport()).isEqualTo(Transport.TCP);
        assertThat(settings.jgroupsPort()).isEqualTo(7800);
        assertThat(settings.jgroupsPortRange()).isEqualTo(10);
        assertThat(settings.initialHosts()).containsExactly("127.0.0.1:7800");
        assertThat(settings.respPort()).isEqualTo(6379);
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxKeyBytes()).isEqualTo(64 * 1024);
        assertThat(settings.maxValueBytes()).isEqualTo(8 * 1024 * 1024);
        assertThat(settings.sweepInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.expectedSize()).isZero();
        assertThat(settings.kryoClasses()).isEmpty();
        assertThat(settings.respPassword()).isNull();
        assertThat(settings.dnsQuery()).isNull();
    }

    @Test
    void load_secondNodeOnTheSameMachine_needsOnlyNameAndPorts() {
        NodeSettings settings = SettingsLoader.load(
            List.of("--node-name", "b", "--resp-port", "6380", "--http-port=8081"), Map.of());

        assertThat(settings.nodeName()).isEqualTo("b");
        assertThat(settings.respPort()).isEqualTo(6380);
        assertThat(settings.httpPort()).isEqualTo(8081);
        assertThat(settings.initialHosts()).as("finds the first node through the port range")
            .containsExactly("127.0.0.1:7800");
    }

    @Test
    void load_allFourSources_flagsOverrideEnvironmentOverrideFileOverrideDefaults() throws Exception {
        Path file = directory.resolve("node.properties");
        Files.writeString(file, """
            # a comment
            cluster-name = from-file
            node-name = from-file
            resp-port = 7000
            write-timeout = 2s
            """);

        NodeSettings settings = SettingsLoader.load(List.of("--config", file.toString(), "--resp-port", "7002"),
            Map.of("CLUSTERKV_NODE_NAME", "from-env", "CLUSTERKV_RESP_PORT", "7001", "PATH", "/usr/bin"));

        assertThat(settings.clusterName()).isEqualTo("from-file");
        assertThat(settings.nodeName()).isEqualTo("from-env");
        assertThat(settings.respPort()).isEqualTo(7002);
        assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.httpPort()).isEqualTo(8080);
    }

    @Test
    void load_configFileFromEnvironment_isRead() throws Exception {
        Path file = directory.resolve("node.properties");
        Files.writeString(file, "expected-size = 3\n");

        NodeSettings settings = SettingsLoader.load(List.of(), Map.of("CLUSTERKV_CONFIG", file.toString()));

        assertThat(settings.expectedSize()).isEqualTo(3);
    }

    @Test
    void load_unknownFlag_namesItAndSuggestsTheClosest() {
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--resp-prot", "1"), Map.of()))
            .isInstanceOf(SettingsException.class)
            .hasMessage("unknown flag --resp-prot; did you mean --resp-port? (clusterkv --help lists them)");
    }

    @Test
    void load_unknownEnvironmentVariable_isAnError() {
        assertThatThrownBy(() -> SettingsLoader.load(List.of(), Map.of("CLUSTERKV_HTTP_PROT", "1")))
            .hasMessageStartingWith("unknown environment variable CLUSTERKV_HTTP_PROT; did you mean "
                + "CLUSTERKV_HTTP_PORT?");
    }

    @Test
    void load_launcherVariable_isNotTakenForASetting() {
        NodeSettings settings = SettingsLoader.load(List.of(), Map.of("CLUSTERKV_CLASSPATH", "/opt/app/values.jar"));

        assertThat(settings.kryoClasses()).isEmpty();
    }

    @Test
    void load_unknownKeyInFile_namesKeyAndFile() throws Exception {
        Path file = directory.resolve("bad.properties");
        Files.writeString(file, "max-value-bytez = 1MiB\n");

        assertThatThrownBy(() -> SettingsLoader.load(List.of("--config", file.toString()), Map.of()))
            .hasMessage("unknown setting 'max-value-bytez' in " + file + "; did you mean max-value-bytes? "
                + "(docs/configuration.md lists them)");
    }

    @Test
    void load_badValues_nameKeyValueSourceAndWhatIsAllowed() {
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--resp-port", "70000"), Map.of()))
            .hasMessage("setting 'resp-port' = '70000' (from flag --resp-port) is not valid: it must be a port "
                + "number from 0 to 65535 (0 turns it off)");
        assertThatThrownBy(() -> SettingsLoader.load(List.of(), Map.of("CLUSTERKV_WRITE_TIMEOUT", "soon")))
            .hasMessageStartingWith("setting 'write-timeout' = 'soon' (from environment variable "
                + "CLUSTERKV_WRITE_TIMEOUT) is not valid: it must be a duration");
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--transport", "carrier-pigeon"), Map.of()))
            .hasMessageEndingWith("it must be one of tcp, udp, dns");
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--max-value-bytes", "0"), Map.of()))
            .hasMessageContaining("more than zero");
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--initial-hosts", "a:1,b"), Map.of()))
            .hasMessage("setting 'initial-hosts' has 'b', which is not host:port with a port from 1 to 65535");
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--config", "/no/such/file"), Map.of()))
            .hasMessageStartingWith("setting 'config' = '/no/such/file' (from flag --config) is not valid");
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--resp-port"), Map.of()))
            .hasMessage("flag --resp-port needs a value");
    }

    @Test
    void load_sizesAndDurations_acceptUnits() {
        NodeSettings settings = SettingsLoader.load(List.of("--max-key-bytes", "512", "--max-value-bytes", "2MiB",
            "--max-request-bytes", "1g", "--join-timeout", "PT90S", "--sweep-interval", "0"), Map.of());

        assertThat(settings.maxKeyBytes()).isEqualTo(512);
        assertThat(settings.maxValueBytes()).isEqualTo(2L << 20);
        assertThat(settings.maxRequestBytes()).isEqualTo(1L << 30);
        assertThat(settings.joinTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.sweepInterval()).isZero();
    }

    @Test
    void load_dnsTransportWithoutQuery_saysWhatIsMissing() {
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--transport", "dns"), Map.of()))
            .hasMessageStartingWith("setting 'dns-query' is required with transport dns");
        assertThat(SettingsLoader.load(List.of("--transport", "dns", "--dns-query", "kv.svc.local"), Map.of())
            .dnsQuery()).isEqualTo("kv.svc.local");
    }

    @Test
    void load_secrets_neverAppearInToString() {
        NodeSettings settings = SettingsLoader.load(List.of("--resp-password", "hunter2"), Map.of());

        assertThat(settings.respPassword()).isEqualTo("hunter2");
        assertThat(settings.toString()).doesNotContain("hunter2").contains("RESP password set");
    }

    @Test
    void load_clusterSecret_fromEnvironmentOrFile_neverInToString() throws Exception {
        String secret = "0123456789abcdef-secret";
        NodeSettings fromEnv = SettingsLoader.load(List.of(), Map.of("CLUSTERKV_CLUSTER_SECRET", secret));
        Path file = directory.resolve("secret");
        Files.writeString(file, secret + "\n");
        NodeSettings fromFile = SettingsLoader.load(List.of("--cluster-secret-file", file.toString()), Map.of());

        assertThat(fromEnv.clusterSecret()).isEqualTo(secret);
        assertThat(fromFile.clusterSecret()).isEqualTo(secret);
        assertThat(fromFile.toString()).doesNotContain(secret).contains("cluster secret set");
        assertThat(SettingsLoader.load(List.of(), Map.of()).clusterSecret()).isNull();
    }

    @Test
    void load_clusterSecret_tooShortOrGivenTwice_saysWhatToDo() throws Exception {
        Path file = directory.resolve("secret");
        Files.writeString(file, "short\n");

        assertThatThrownBy(() -> SettingsLoader.load(List.of("--cluster-secret", "hunter2"), Map.of()))
            .isInstanceOf(SettingsException.class).hasMessageContaining("7 characters long")
            .hasMessageContaining("at least 16").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--cluster-secret-file", file.toString()), Map.of()))
            .isInstanceOf(SettingsException.class).hasMessageContaining("cluster-secret-file " + file);
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--cluster-secret", "0123456789abcdef",
            "--cluster-secret-file", file.toString()), Map.of())).hasMessageContaining("both given");
    }

    @Test
    void help_listsEveryFlagWithItsDefault() {
        String help = SettingsLoader.help();

        for (Setting<?> setting : Settings.ALL) {
            assertThat(help).contains(setting.flag());
        }
        assertThat(help).contains("--resp-port <value>").contains("default: 6379");
    }

    @Test
    void configurationDocs_holdTheCurrentTableOfEverySetting() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"));

        assertThat(docs).as("docs/configuration.md is regenerated from Settings (see its last section)")
            .contains(SettingsLoader.markdownTable());
    }
}
