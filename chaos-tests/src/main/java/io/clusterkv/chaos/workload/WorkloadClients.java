package io.clusterkv.chaos.workload;

import io.clusterkv.chaos.history.HistoryRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client threads of a run: for every workload, {@link Workload#clientsPerNode()} threads per node, each
 * pinned to its node with its own {@link ClientSession}, calling {@link Workload#step} until {@link #stop()}.
 *
 * <p>Between steps a client pauses for its pace (with jitter, so clients do not move in lockstep), or for
 * {@link #BACK_OFF} when its node could not be reached. A pause ends early when the run stops: it is a wait on the
 * stop signal, so stopping takes at most one request timeout (a client blocked on a paused node). A step that
 * throws is a bug of the harness, not of the cluster: it is kept for {@link #harnessErrors()} and the client goes
 * on.
 */
public final class WorkloadClients {
    /** How long a client waits before trying a node it could not reach again. */
    public static final Duration BACK_OFF = Duration.ofMillis(250);
    private static final System.Logger LOG = System.getLogger(WorkloadClients.class.getName());

    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<RuntimeException> harnessErrors = new ConcurrentLinkedQueue<>();
    private final Duration pace;
    private final Duration timeout;

    /**
     * How clients reach nodes and record operations.
     *
     * @param history     the run's recorder
     * @param respClients how to open RESP connections
     * @param http        the HTTP client
     * @param timeout     how long a request may take before its outcome is unknown
     * @param pace        the mean pause between two steps of one client
     * @param seed        the seed every client's random numbers derive from
     */
    public record Settings(HistoryRecorder history, RespClientFactory respClients, HttpKvClient http,
                           Duration timeout, Duration pace, long seed) {

        /** @throws NullPointerException if a component is null */
        public Settings {
            Objects.requireNonNull(history, "history cannot be null");
            Objects.requireNonNull(respClients, "RESP client factory cannot be null");
            Objects.requireNonNull(http, "HTTP client cannot be null");
            Objects.requireNonNull(timeout, "timeout cannot be null");
            Objects.requireNonNull(pace, "pace cannot be null");
        }
    }

    private WorkloadClients(Duration pace, Duration timeout) {
        this.pace = pace;
        this.timeout = timeout;
    }

    /**
     * Starts every workload's clients on the given nodes.
     *
     * @return the running clients
     */
    public static WorkloadClients start(List<Workload> workloads, List<NodeAddress> nodes, Settings settings) {
        WorkloadClients clients = new WorkloadClients(settings.pace(), settings.timeout());
        int total = workloads.stream().mapToInt(Workload::clientsPerNode).sum() * nodes.size();
        Random seeds = new Random(settings.seed());
        int client = 0;
        for (Workload workload : workloads) {
            for (NodeAddress node : nodes) {
                for (int i = 0; i < workload.clientsPerNode(); i++) {
                    ClientSession session = new ClientSession(client, total, node, settings.history(),
                            settings.respClients(), settings.http(), settings.timeout(), seeds.nextLong());
                    clients.startThread(workload, session, "client-" + client + "-" + workload.name() + "@"
                            + node.name());
                    client++;
                }
            }
        }
        return clients;
    }

    private void startThread(Workload workload, ClientSession session, String name) {
        Thread thread = new Thread(() -> loop(workload, session), name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void loop(Workload workload, ClientSession session) {
        try (session) {
            while (stopSignal.getCount() > 0) {
                try {
                    workload.step(session);
                } catch (RuntimeException bug) {
                    LOG.log(System.Logger.Level.ERROR, "workload " + workload.name() + " failed a step", bug);
                    harnessErrors.add(bug);
                }
                pause(session.takeBackOff() ? BACK_OFF : jittered(session.random()));
            }
        }
    }

    private Duration jittered(Random random) {
        return Duration.ofNanos((long) (pace.toNanos() * (0.5 + random.nextDouble())));
    }

    private void pause(Duration duration) {
        try {
            stopSignal.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stopSignal.countDown();
        }
    }

    /** @return how many client threads run */
    public int size() {
        return threads.size();
    }

    /**
     * Stops every client after its current request and waits for them: at most about one request timeout.
     * Requests still pending then stay in the history as of unknown outcome.
     */
    public void stop() {
        stopSignal.countDown();
        long deadline = System.nanoTime() + timeout.plusSeconds(5).toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, "client {0} still busy after the run stopped", thread.getName());
            }
        }
    }

    /** @return exceptions the workloads' steps threw: bugs of the harness; empty in a sound run */
    public List<RuntimeException> harnessErrors() {
        return List.copyOf(harnessErrors);
    }
}
