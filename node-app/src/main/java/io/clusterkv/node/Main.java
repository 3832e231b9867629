package io.clusterkv.node;

import io.clusterkv.config.NodeSettings;
import io.clusterkv.config.SettingsException;
import io.clusterkv.config.SettingsLoader;
import io.clusterkv.core.KvException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

/**
 * The {@code clusterkv} command: starts a node from its settings and serves until SIGTERM or SIGINT, then leaves
 * the cluster gracefully and exits 0. A bad setting or a port in use prints one line and exits 2; a node that
 * cannot join exits 1.
 */
public final class Main {
    private Main() {
    }

    /** @param args the settings as flags; {@code --help} lists them */
    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (SettingsLoader.wantsHelp(arguments)) {
            System.out.print(SettingsLoader.help());
            return;
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        NodeServer server = startOrExit(arguments);
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            server.close();
            stopped.countDown();
        };
        // Handling the signals ourselves (rather than in a shutdown hook) lets a requested stop exit with status 0.
        Signal.handle(new Signal("TERM"), signal -> new Thread(stop, "clusterkv-stop").start());
        Signal.handle(new Signal("INT"), signal -> new Thread(stop, "clusterkv-stop").start());
        try {
            stopped.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    private static NodeServer startOrExit(List<String> arguments) {
        NodeSettings settings;
        try {
            settings = SettingsLoader.load(arguments, System.getenv());
        } catch (SettingsException invalid) {
            throw exit(2, invalid.getMessage());
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
            .setLevel(ch.qos.logback.classic.Level.toLevel(settings.logLevel().name()));
        try {
            return NodeServer.start(settings);
        } catch (SettingsException | PortInUseException unusable) {
            throw exit(2, unusable.getMessage());
        } catch (KvException cannotJoin) {
            throw exit(1, cannotJoin.getMessage());
        }
    }

    private static IllegalStateException exit(int status, String message) {
        System.err.println("clusterkv: " + message);
        System.exit(status);
        return new IllegalStateException("unreachable");
    }
}
