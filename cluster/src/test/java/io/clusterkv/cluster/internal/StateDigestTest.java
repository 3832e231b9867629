package io.clusterkv.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.core.SetOptions.Condition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The state digest depends on the state only: not on the order it was built in, and it changes with any entry. */
class StateDigestTest {
    private static final ReplicatedStateMachine.Effects IGNORE = new ReplicatedStateMachine.Effects() {
        @Override
        public void applied(long originId, long requestId, Command command, @Nullable Object result) {
        }

        @Override
        public void stateRequested(Command.StateRequest request, long originId, Object source) {
        }

        @Override
        public void membershipChanged() {
        }

        @Override
        public void duplicate(long originId, long requestId) {
        }

        @Override
        public void malformed(long originId, long requestId, String reason) {
        }
    };

    private final KryoRegistry registry = new KryoRegistry(Set.of());
    private final CommandCodec codec = new CommandCodec(registry);
    private long requestId;

    private void apply(ReplicatedStateMachine machine, Command command) {
        byte[] batch = CommandCodec.encodeBatch(7, 1_000, new long[] {++requestId},
            List.of(codec.encodeCommand(command)));
        machine.apply(batch, IGNORE, "");
    }

    private Command set(String key, Object value, long ttlMillis) {
        return new Command.Set(key, codec.encodeValue(value), ttlMillis, Condition.ALWAYS, false);
    }

    private ReplicatedStateMachine machine() {
        return new ReplicatedStateMachine(registry, 100, 1 << 20);
    }

    @Test
    void digest_sameStateBuiltInDifferentOrders_isEqual() {
        ReplicatedStateMachine forward = machine();
        apply(forward, set("a", 1L, 0));
        apply(forward, set("b", Map.of("x", List.of(1, 2), "y", "z"), 5_000));
        apply(forward, set("c", "temporary", 0));
        apply(forward, new Command.Delete("c", false));

        Map<String, Object> sameMapOtherOrder = new LinkedHashMap<>();
        sameMapOtherOrder.put("y", "z");
        sameMapOtherOrder.put("x", List.of(1, 2));
        ReplicatedStateMachine backward = machine();
        apply(backward, set("b", sameMapOtherOrder, 5_000));
        apply(backward, set("a", 0, 0));
        apply(backward, new Command.Increment("a", 1));

        assertThat(backward.engine().rawSize()).isEqualTo(2);
        assertThat(backward.digest()).isEqualTo(forward.digest()).isNotZero();
    }

    @Test
    void digest_anyDifferenceInValueTypeOrDeadline_changesIt() {
        ReplicatedStateMachine reference = machine();
        apply(reference, set("k", 5L, 1_000));

        ReplicatedStateMachine otherValue = machine();
        apply(otherValue, set("k", 6L, 1_000));
        ReplicatedStateMachine otherType = machine();
        apply(otherType, set("k", 5, 1_000));
        ReplicatedStateMachine otherDeadline = machine();
        apply(otherDeadline, set("k", 5L, 2_000));
        ReplicatedStateMachine otherKey = machine();
        apply(otherKey, set("k2", 5L, 1_000));

        assertThat(List.of(otherValue.digest(), otherType.digest(), otherDeadline.digest(), otherKey.digest()))
            .doesNotContain(reference.digest()).doesNotHaveDuplicates();
    }

    @Test
    void apply_sameBatchTwice_appliesItsCommandsOnce() {
        ReplicatedStateMachine machine = machine();
        byte[] batch = CommandCodec.encodeBatch(7, 1_000, new long[] {1, 2},
            List.of(codec.encodeCommand(new Command.Increment("n", 1)),
                codec.encodeCommand(new Command.Increment("n", 10))));

        machine.apply(batch, IGNORE, "");
        machine.apply(batch, IGNORE, "");

        assertThat(machine.engine().getRaw("n")).isEqualTo(11L);
        assertThat(machine.appliedIndex()).as("both deliveries take a position").isEqualTo(2);
    }
}
