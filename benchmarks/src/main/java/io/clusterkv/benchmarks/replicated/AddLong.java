package io.clusterkv.benchmarks.replicated;

import java.util.function.BiFunction;
import org.infinispan.protostream.annotations.ProtoFactory;

/**
 * Infinispan's increment: the remapping function of {@code cache.merge(key, 1L, new AddLong())}. Infinispan ships it
 * to the key's primary owner, so it must be marshallable; ProtoStream does that from these annotations
 * ({@link InfinispanSchema}). Stateless: the amount to add is merge's value.
 */
public final class AddLong implements BiFunction<Object, Object, Object> {

    /** The only state is none. */
    @ProtoFactory
    public AddLong() {
    }

    @Override
    public Object apply(Object current, Object delta) {
        return Math.addExact((Long) current, (Long) delta);
    }
}
