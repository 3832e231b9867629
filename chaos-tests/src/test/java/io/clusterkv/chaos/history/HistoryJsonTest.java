package io.clusterkv.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryJsonTest {

    private final ManualNanoClock nanos = new ManualNanoClock();
    private final HistoryRecorder recorder = new HistoryRecorder(new RunClock(nanos));

    private History everyShapeOfOperation() {
        recorder.increment(0, "n1", "c", 1).ok(1L);
        nanos.advance(Duration.ofMillis(3));
        recorder.mset(1, "n2", Map.of("g:a", 7, "g:b", 7)).ok();
        recorder.mget(2, "n3", List.of("g:a", "g:b", "g:c")).ok(Arrays.asList(7, 7, null));
        recorder.setTtl(3, "n1", "s", Map.of("user", "ann", "score", 2.5, "admin", false), Duration.ofSeconds(1))
                .info("timeout after 5 s");
        recorder.compareAndSet(4, "n1", "x", null, "v").fail("no quorum");
        recorder.read(5, "n2", "x");
        nanos.advance(Duration.ofMillis(1));
        return recorder.history();
    }

    @Test
    void toJson_thenFromJson_returnsAnEqualHistory() {
        History history = everyShapeOfOperation();

        assertThat(History.fromJson(history.toJson())).isEqualTo(history);
    }

    @Test
    void writeTo_thenReadFrom_returnsAnEqualHistory(@TempDir Path directory) throws Exception {
        History history = everyShapeOfOperation();
        Path file = directory.resolve("run.history.json");

        history.writeTo(file);

        assertThat(History.readFrom(file)).isEqualTo(history);
    }

    @Test
    void toJson_usesTheDocumentedNamesOfFunctionsAndCompletions() {
        String json = everyShapeOfOperation().toJson();

        assertThat(json).contains("\"function\" : \"set-ttl\"", "\"type\" : \"info\"", "\"type\" : \"fail\"",
                "\"error\" : \"no quorum\"");
    }

    @Test
    void fromJson_textThatIsNotAHistory_throwsIllegalArgumentException() {
        assertThatThrownBy(() -> History.fromJson("{\"operations\": 3}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a History");
    }
}
