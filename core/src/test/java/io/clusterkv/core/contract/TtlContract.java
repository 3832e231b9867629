package io.clusterkv.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TTL behaviour on a manual clock: nothing here sleeps. */
public abstract class TtlContract extends StoreContract {

    @Test
    void get_atExactlyTheDeadline_keyIsGone() {
        kv.setTTL("k", "v", Duration.ofMillis(1500));

        clock.advance(Duration.ofMillis(1499));
        assertThat(kv.get("k")).isEqualTo("v");
        assertThat(kv.getTTLMillis("k")).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(kv.get("k")).isNull();
        assertThat(kv.exists("k")).isFalse();
        assertThat(kv.getTTL("k")).isNull();
        assertThat(kv.getTTLMillis("k")).isNull();
    }

    @Test
    void getTTL_partSecondsRemaining_roundsToNearestSecond() {
        kv.setTTL("k", "v", 300);
        assertThat(kv.getTTL("k")).isEqualTo(300);

        clock.advance(Duration.ofMillis(499));   // 299.501 s left
        assertThat(kv.getTTL("k")).isEqualTo(300);
        clock.advance(Duration.ofMillis(1));     // 299.500 s left
        assertThat(kv.getTTL("k")).isEqualTo(300);
        clock.advance(Duration.ofMillis(1));     // 299.499 s left
        assertThat(kv.getTTL("k")).isEqualTo(299);
        clock.advance(Duration.ofMillis(299_000)); // 0.499 s left
        assertThat(kv.getTTL("k")).isZero();
        assertThat(kv.getTTLMillis("k")).isEqualTo(499);
    }

    @Test
    void expire_missingKey_returnsFalseAndCreatesNothing() {
        assertThat(kv.expire("missing", 10)).isFalse();
        assertThat(kv.expire("missing", Duration.ofSeconds(10))).isFalse();
        assertThat(kv.exists("missing")).isFalse();
        assertThat(kv.stats().totalKeys()).isZero();
    }

    @Test
    void expire_expiredKey_returnsFalse() {
        kv.setTTL("k", "v", 1);
        clock.advance(Duration.ofSeconds(1));

        assertThat(kv.expire("k", 100)).isFalse();
        assertThat(kv.get("k")).isNull();
    }

    @Test
    void expire_keyWithTtl_replacesTheDeadline() {
        kv.setTTL("k", "v", 10);

        assertThat(kv.expire("k", 100)).isTrue();
        clock.advance(Duration.ofSeconds(50));
        assertThat(kv.getTTL("k")).isEqualTo(50);
    }

    @Test
    void set_keyWithTtl_clearsTheTtl() {
        kv.setTTL("k", "old", 10);

        kv.set("k", "new");

        assertThat(kv.getTTL("k")).isEqualTo(-1);
        clock.advance(Duration.ofSeconds(20));
        assertThat(kv.get("k")).isEqualTo("new");
    }

    @Test
    void mset_keyWithTtl_clearsTheTtl() {
        kv.setTTL("k", "old", 10);

        kv.mset(Map.of("k", "new"));

        assertThat(kv.getTTL("k")).isEqualTo(-1);
    }

    @Test
    void increment_keyWithTtl_keepsTheTtl() {
        kv.setTTL("rate:user", 1, 60);
        clock.advance(Duration.ofSeconds(20));

        assertThat(kv.increment("rate:user")).isEqualTo(2);
        assertThat(kv.decrement("rate:user", 5)).isEqualTo(-3);

        assertThat(kv.getTTL("rate:user")).isEqualTo(40);
        clock.advance(Duration.ofSeconds(40));
        assertThat(kv.get("rate:user")).isNull();
    }

    @Test
    void increment_expiredKey_startsAgainWithoutTtl() {
        kv.setTTL("k", 41, 1);
        clock.advance(Duration.ofSeconds(1));

        assertThat(kv.increment("k")).isEqualTo(1);
        assertThat(kv.getTTL("k")).isEqualTo(-1);
    }

    @Test
    void setTTL_subMillisecondDuration_countsAsOneMillisecond() {
        kv.setTTL("k", "v", Duration.ofNanos(1));

        assertThat(kv.getTTLMillis("k")).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(kv.exists("k")).isFalse();
    }

    @Test
    void stats_overwriteOfExpiredKey_countsAnExpiration() {
        kv.setTTL("k", "v", 1);
        clock.advance(Duration.ofSeconds(1));
        long before = kv.stats().expirations();

        kv.set("k", "again");

        assertThat(kv.stats().expirations() - before).isEqualTo(1);
    }
}
