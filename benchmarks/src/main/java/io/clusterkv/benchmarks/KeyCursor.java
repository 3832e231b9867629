package io.clusterkv.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One thread's position in the {@link KeySpace} visiting order. Threads start at random offsets so that they do
 * not walk the same keys in lockstep; choosing the next key is an increment and a mask, no random number.
 */
@State(Scope.Thread)
public class KeyCursor {
    private int index = ThreadLocalRandom.current().nextInt();

    /** @return the index of this thread's next visit */
    int next() {
        return index++ & KeySpace.MASK;
    }
}
