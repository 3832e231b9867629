package io.clusterkv.chaos.checker;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.KvFunction;
import io.clusterkv.chaos.history.Operation;
import io.clusterkv.chaos.history.RunClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks the safe half of expiry: no value is read after it must have expired. A value written with a TTL and
 * acknowledged at time T expires at the latest at T + ttl (its deadline is stamped between invocation and
 * acknowledgement); an acknowledged expire of a key at time T with ttl t makes the value it found expire at the
 * latest at T + t. A read that starts more than {@code tolerance} after the latest possible expiry of every write
 * of the value it returned has resurrected it.
 *
 * <p>The other half, that a key is not gone too early, is not checked: a replica that lags may rightly miss a key
 * that another already serves. Each value is given the latest expiry any operation could have set: a write or
 * set-ttl of unknown outcome, or an expire of unknown outcome that may have been applied after the write, leaves
 * the value without a bound. A later plain write of the same value also would, so workloads write unique values.
 *
 * <p>Only keys that saw a set-ttl or an expire are checked, and only their acknowledged single-key reads.
 */
public final class TtlChecker {

    private static final String NAME = "ttl";
    private static final long NEVER = Long.MAX_VALUE;

    private final long toleranceNanos;

    /**
     * @param tolerance how late after a deadline a read may still see the value: clock differences between the
     *                  client and the nodes, and the millisecond granularity of deadlines
     * @throws IllegalArgumentException if the tolerance is negative
     */
    public TtlChecker(Duration tolerance) {
        Objects.requireNonNull(tolerance, "tolerance cannot be null");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative, was " + tolerance);
        }
        this.toleranceNanos = tolerance.toNanos();
    }

    /**
     * @param history the run's operations
     * @return valid if no read saw a value after its latest possible expiry, invalid otherwise
     */
    public Verdict check(History history) {
        Objects.requireNonNull(history, "history cannot be null");
        Findings findings = new Findings(NAME);
        Set<String> ttlKeys = ttlKeys(history);
        Map<String, List<Operation>> readsByKey = history.singleKeyOperationsByKey(KvFunction.READ);
        long readsChecked = 0;
        for (String key : ttlKeys) {
            KeyLifetimes lifetimes = new KeyLifetimes(key, history);
            for (Operation read : readsByKey.getOrDefault(key, List.of())) {
                if (read.type() == CompletionType.OK && read.result() != null) {
                    readsChecked++;
                    checkRead(read, lifetimes, findings);
                }
            }
        }
        findings.count("ttl keys", ttlKeys.size());
        findings.count("reads checked", readsChecked);
        return findings.verdict(
                readsChecked + " read(s) of " + ttlKeys.size() + " TTL key(s): none saw a value after its latest"
                        + " possible expiry (tolerance " + RunClock.format(toleranceNanos) + ")",
                findings.violations() + " read(s) saw a value after it must have expired");
    }

    private static Set<String> ttlKeys(History history) {
        Set<String> keys = new LinkedHashSet<>();
        history.calling(KvFunction.SET_TTL, KvFunction.EXPIRE).forEach(op -> keys.addAll(op.keys()));
        return keys;
    }

    private void checkRead(Operation read, KeyLifetimes lifetimes, Findings findings) {
        List<Operation> writers = lifetimes.writersOf(read.result());
        if (writers.isEmpty()) {
            findings.violation("key " + read.key() + ": read returned a value no write may have stored: "
                    + read.describe());
            return;
        }
        long latestExpiry = writers.stream().mapToLong(lifetimes::latestExpiry).max().orElseThrow();
        if (latestExpiry != NEVER && read.invokeNanos() > saturatedAdd(latestExpiry, toleranceNanos)) {
            findings.violation("key " + read.key() + ": value " + read.result() + " read after it expired at "
                    + RunClock.format(latestExpiry) + " at the latest: " + read.describe() + "; written by "
                    + writers.get(writers.size() - 1).describe());
        }
    }

    private static long saturatedAdd(long nanos, long more) {
        long sum = nanos + more;
        return sum < nanos ? NEVER : sum;
    }

    /** The writes and expires of one key, and the latest time each written value may still be visible. */
    private static final class KeyLifetimes {

        private final String key;
        private final List<Operation> writes = new ArrayList<>();
        private final List<Operation> expires = new ArrayList<>();

        KeyLifetimes(String key, History history) {
            this.key = key;
            for (Operation op : history.calling(KvFunction.WRITE, KvFunction.CAS, KvFunction.SET_TTL,
                    KvFunction.MSET, KvFunction.EXPIRE)) {
                if (op.keys().contains(key) && op.type().mayHaveTakenEffect()) {
                    (op.function() == KvFunction.EXPIRE ? expires : writes).add(op);
                }
            }
            // An acknowledged expire that found no value changed nothing.
            expires.removeIf(expire -> Boolean.FALSE.equals(expire.result()));
        }

        List<Operation> writersOf(@Nullable Object value) {
            return writes.stream().filter(write -> Objects.equals(valueWritten(write), value)).toList();
        }

        /** @return the latest time the write's value may still be visible, or {@link #NEVER} if unbounded */
        long latestExpiry(Operation write) {
            long latest = supersededByLaterExpire(write) ? Long.MIN_VALUE : ownDeadline(write);
            for (Operation expire : expires) {
                if (mayApplyAfter(expire, write)) {
                    latest = Math.max(latest, deadlineSetBy(expire));
                }
            }
            return latest;
        }

        private @Nullable Object valueWritten(Operation write) {
            if (write.function() == KvFunction.MSET) {
                return write.argument() instanceof Map<?, ?> values ? values.get(key) : null;
            }
            return write.writtenValue();
        }

        private static long ownDeadline(Operation write) {
            return write.function() == KvFunction.SET_TTL ? deadlineSetBy(write) : NEVER;
        }

        // After an expire that surely followed the write, the write's own deadline no longer applies.
        private boolean supersededByLaterExpire(Operation write) {
            return expires.stream().anyMatch(expire -> expire.type() == CompletionType.OK
                    && expire.invokeNanos() > write.completeNanos());
        }

        private static boolean mayApplyAfter(Operation expire, Operation write) {
            return expire.type() == CompletionType.INFO || expire.completeNanos() > write.invokeNanos();
        }

        private static long deadlineSetBy(Operation op) {
            return op.type() == CompletionType.OK ? saturatedAdd(op.completeNanos(), op.ttl().toNanos()) : NEVER;
        }
    }
}
