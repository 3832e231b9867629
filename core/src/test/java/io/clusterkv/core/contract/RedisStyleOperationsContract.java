package io.clusterkv.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clusterkv.core.InvalidArgumentException;
import io.clusterkv.core.SetOptions.Condition;
import io.clusterkv.core.SetOptions;
import io.clusterkv.core.SetOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operations beyond the specification that the Redis endpoint maps onto: SET options, GETDEL, PERSIST. */
public abstract class RedisStyleOperationsContract extends StoreContract {

    @Test
    void setIfAbsent_missingThenPresent_storesOnlyTheFirst() {
        SetOptions nx = SetOptions.PLAIN.when(Condition.IF_ABSENT);

        assertThat(kv.set("k", "first", nx)).isEqualTo(new SetOutcome(true, null));
        assertThat(kv.set("k", "second", nx)).isEqualTo(new SetOutcome(false, "first"));
        assertThat(kv.get("k")).isEqualTo("first");
    }

    @Test
    void setIfAbsent_expiredKey_countsAsAbsent() {
        kv.setTTL("k", "old", 1);
        clock.advance(Duration.ofSeconds(1));

        assertThat(kv.set("k", "new", SetOptions.PLAIN.when(Condition.IF_ABSENT)).applied()).isTrue();
    }

    @Test
    void setIfPresent_missingThenPresent_storesOnlyOverAnExistingValue() {
        SetOptions xx = SetOptions.PLAIN.when(Condition.IF_PRESENT);

        assertThat(kv.set("k", "v", xx).applied()).isFalse();
        assertThat(kv.exists("k")).isFalse();
        kv.set("k", "old");
        assertThat(kv.set("k", "new", xx)).isEqualTo(new SetOutcome(true, "old"));
    }

    @Test
    void setWithTtlAndKeepTtl_setAndKeepTheDeadline() {
        kv.set("k", "v", SetOptions.PLAIN.withTtl(Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(4));

        kv.set("k", "w", SetOptions.PLAIN.keepingTtl());

        assertThat(kv.getTTL("k")).isEqualTo(6);
        assertThat(kv.get("k")).isEqualTo("w");
        kv.set("k", "x", SetOptions.PLAIN);
        assertThat(kv.getTTL("k")).isEqualTo(-1);
    }

    @Test
    void setOptions_ttlWithKeepTtlOrNonPositive_areRejected() {
        assertThatThrownBy(() -> new SetOptions(Condition.ALWAYS, Duration.ofSeconds(1), true))
            .isInstanceOf(InvalidArgumentException.class).hasMessage("a TTL and keepTtl cannot be combined");
        assertThatThrownBy(() -> SetOptions.PLAIN.withTtl(Duration.ZERO)).hasMessage("TTL must be positive");
    }

    @Test
    void getAndDelete_liveMissingExpired_returnsValueThenNull() {
        kv.set("k", "v");
        kv.setTTL("gone", "v", 1);
        clock.advance(Duration.ofSeconds(1));

        assertThat(kv.getAndDelete("k")).isEqualTo("v");
        assertThat(kv.exists("k")).isFalse();
        assertThat(kv.getAndDelete("k")).isNull();
        assertThat(kv.getAndDelete("gone")).isNull();
    }

    @Test
    void persist_keyWithAndWithoutTtl_removesOnlyAnExistingTtl() {
        kv.setTTL("timed", "v", 10);
        kv.set("plain", "v");

        assertThat(kv.persist("timed")).isTrue();
        assertThat(kv.getTTL("timed")).isEqualTo(-1);
        assertThat(kv.persist("plain")).isFalse();
        assertThat(kv.persist("missing")).isFalse();
        clock.advance(Duration.ofSeconds(20));
        assertThat(kv.exists("timed")).isTrue();
    }
}
