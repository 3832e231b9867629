package io.clusterkv.chaos.history;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond source tests advance by hand, as Caffeine's {@code FakeTicker}. */
public final class ManualNanoClock implements LongSupplier {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    public ManualNanoClock advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
        return this;
    }

    @Override
    public long getAsLong() {
        return nanos.get();
    }
}
