package io.clusterkv.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OperationTest {

    @Test
    void new_completionBeforeInvocation_throwsIllegalArgumentException() {
        assertThatThrownBy(() -> new Operation(0, 1, "n1", KvFunction.READ, List.of("x"), null,
                CompletionType.OK, null, null, 10, 9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before its invocation");
    }

    @Test
    void new_okWithErrorText_throwsIllegalArgumentException() {
        assertThatThrownBy(() -> new Operation(0, 1, "n1", KvFunction.READ, List.of("x"), null,
                CompletionType.OK, null, "boom", 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has error text 'boom'");
    }

    @Test
    void new_infoWithoutErrorText_throwsIllegalArgumentException() {
        assertThatThrownBy(() -> new Operation(0, 1, "n1", KvFunction.READ, List.of("x"), null,
                CompletionType.INFO, null, null, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no error text");
    }

    @Test
    void describe_acknowledgedIncrement_showsProcessNodeArgumentResultAndTimes() {
        Operation op = new Operation(12, 3, "n1", KvFunction.INCREMENT, List.of("c1"), 1L, CompletionType.OK, 17L,
                null, 1_204_000_000L, 1_210_000_000L);

        assertThat(op.describe()).isEqualTo("#12 p3@n1 increment c1 1 -> ok 17 [1.204 s, 1.210 s]");
    }

    @Test
    void key_ofMultiKeyOperation_throwsIllegalStateException() {
        Operation mget = new Operation(0, 1, "n1", KvFunction.MGET, List.of("a", "b"), null, CompletionType.FAIL,
                null, "no quorum", 0, 1);

        assertThatThrownBy(mget::key).isInstanceOf(IllegalStateException.class).hasMessageContaining("2 keys");
    }
}
