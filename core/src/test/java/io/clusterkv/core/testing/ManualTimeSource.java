package io.clusterkv.core.testing;

import io.clusterkv.core.TimeSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test advances it (as Caffeine's FakeTicker). */
public final class ManualTimeSource implements TimeSource {
    private final AtomicLong millis;

    /** Starts at a fixed, realistic instant (2026-01-01T00:00:00Z), so deadlines look like real ones. */
    public ManualTimeSource() {
        this(1_767_225_600_000L);
    }

    /** @param startMillis the first reading */
    public ManualTimeSource(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    @Override
    public long currentTimeMillis() {
        return millis.get();
    }

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
    }

    /** Moves the clock to an absolute reading. */
    public void setMillis(long newMillis) {
        millis.set(newMillis);
    }
}
