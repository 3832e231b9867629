package io.clusterkv.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node on a network address starts only with every endpoint authenticated, or with protected mode off. */
class ProtectedModeTest {
    private static final List<String> ALL_AUTH = List.of("--resp-password", "resp-pass", "--http-token",
        "http-token-value", "--cluster-secret", "0123456789abcdef-0123");

    @TempDir
    Path directory;

    @Test
    void load_loopbackWithoutAuth_starts() {
        NodeSettings settings = SettingsLoader.load(List.of("--bind", "127.0.0.1"), Map.of());

        assertThat(settings.respPassword()).isNull();
        assertThat(settings.clusterSecret()).isNull();
    }

    @Test
    void load_exposedWithoutAuth_isRefusedNamingEverySettingToSet() {
        assertThatThrownBy(() -> SettingsLoader.load(List.of("--bind", "0.0.0.0"), Map.of()))
            .isInstanceOf(SettingsException.class)
            .hasMessageStartingWith("protected mode: bind address 0.0.0.0 is reachable from a network")
            .hasMessageContaining("set resp-password").hasMessageContaining("set http-token")
            .hasMessageContaining("set cluster-secret or cluster-secret-file")
            .hasMessageContaining("protected-mode false");
    }

    @Test
    void load_exposedWithOneEndpointUnprotected_namesOnlyThatOne() {
        List<String> args = new ArrayList<>(List.of("--bind", "0.0.0.0", "--resp-password", "resp-pass",
            "--cluster-secret", "0123456789abcdef-0123"));

        assertThatThrownBy(() -> SettingsLoader.load(args, Map.of()))
            .hasMessageContaining("set http-token").hasMessageNotContaining("resp-password")
            .hasMessageNotContaining("cluster-secret");
        args.addAll(List.of("--http-port", "0"));
        assertThat(SettingsLoader.load(args, Map.of()).httpPort()).as("no HTTP endpoint, nothing to protect")
            .isZero();
    }

    @Test
    void load_exposedWithEveryEndpointAuthenticated_starts() {
        List<String> args = new ArrayList<>(List.of("--bind", "0.0.0.0"));
        args.addAll(ALL_AUTH);

        assertThat(SettingsLoader.load(args, Map.of()).loopbackOnly()).isFalse();
    }

    @Test
    void load_exposedWithOwnEncryptingStack_needsNoClusterSecret() throws Exception {
        Path xml = directory.resolve("stack.xml");
        Files.writeString(xml, "<config><TCP/><SYM_ENCRYPT/><SEQUENCER/></config>");

        NodeSettings settings = SettingsLoader.load(List.of("--bind", "0.0.0.0", "--resp-password", "p",
            "--http-token", "t", "--jgroups-config", xml.toString()), Map.of());

        assertThat(settings.clusterSecret()).isNull();
    }

    @Test
    void load_exposedWithProtectedModeOff_startsUnprotected() {
        NodeSettings settings = SettingsLoader.load(List.of("--bind", "0.0.0.0", "--protected-mode", "false"),
            Map.of());

        assertThat(settings.loopbackOnly()).isFalse();
        assertThat(settings.respPassword()).isNull();
    }
}
