package io.clusterkv.core.contract;

import io.clusterkv.core.KvStore;
import io.clusterkv.core.testing.ManualTimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the behaviour contracts every {@link KvStore} must meet: the local store and a cluster node run the same
 * tests. A subclass says how to open an empty store on a manual clock, and what to do after each test.
 */
public abstract class StoreContract {
    /** The clock the store under test reads; tests advance it. */
    protected ManualTimeSource clock;
    /** The store under test, empty at the start of each test. */
    protected KvStore kv;

    /** @return an empty store reading {@code clock}, with no background sweeper */
    protected abstract KvStore openStore(ManualTimeSource clock);

    /** Called after each test; the default closes the store. */
    protected void releaseStore(KvStore store) {
        store.close();
    }

    /** @return the clock for the next test (a fixture sharing one store across tests returns its own) */
    protected ManualTimeSource newClock() {
        return new ManualTimeSource();
    }

    @BeforeEach
    final void openForTest() {
        clock = newClock();
        kv = openStore(clock);
    }

    @AfterEach
    final void releaseAfterTest() {
        releaseStore(kv);
    }
}
