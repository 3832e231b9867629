package io.clusterkv.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultTimelineRecorderTest {

    private final ManualNanoClock nanos = new ManualNanoClock();
    private final FaultTimelineRecorder recorder = new FaultTimelineRecorder(new RunClock(nanos));

    @Test
    void begin_thenEnd_recordsTheWindowOnTheRunClock() {
        nanos.advance(Duration.ofSeconds(2));
        ActiveFault partition = recorder.begin("partition {n1} | {n2,n3}", "links of n1 down");
        nanos.advance(Duration.ofSeconds(5));

        FaultWindow window = partition.end();

        assertThat(window).isEqualTo(new FaultWindow("partition {n1} | {n2,n3}", "links of n1 down",
                2_000_000_000L, 7_000_000_000L, false));
        assertThat(recorder.timeline().windows()).containsExactly(window);
    }

    @Test
    void timeline_withFaultNotEnded_reportsItActiveUntilNow() {
        recorder.begin("pause n2", "SIGSTOP");
        nanos.advance(Duration.ofSeconds(3));

        FaultWindow window = recorder.timeline().windows().get(0);

        assertThat(window.active()).isTrue();
        assertThat(window.endNanos()).isEqualTo(3_000_000_000L);
    }

    @Test
    void end_calledTwice_throwsIllegalStateException() {
        ActiveFault kill = recorder.begin("kill -9 n1", "SIGKILL, restarted after 4 s");
        kill.end();

        assertThatThrownBy(kill::end).isInstanceOf(IllegalStateException.class).hasMessageContaining("already ended");
    }

    @Test
    void instant_startsAndEndsAtTheSameTime() {
        nanos.advance(Duration.ofMillis(1500));

        FaultWindow leave = recorder.instant("leave n3", "graceful leave");

        assertThat(leave.startNanos()).isEqualTo(leave.endNanos()).isEqualTo(1_500_000_000L);
        assertThat(leave.active()).isFalse();
    }

    @Test
    void toJson_thenFromJson_returnsAnEqualTimeline() {
        recorder.begin("kill -9 n1", "coordinator killed while sequencing").end();
        nanos.advance(Duration.ofSeconds(1));
        recorder.begin("pause n2", "SIGSTOP for 8 s");
        FaultTimeline timeline = recorder.timeline();

        assertThat(FaultTimeline.fromJson(timeline.toJson())).isEqualTo(timeline);
    }

    @Test
    void lastHealNanos_ofSeveralFaults_isTheLatestEnd() {
        FaultTimeline timeline = new FaultTimeline(List.of(
                new FaultWindow("b", "", 5, 20, false), new FaultWindow("a", "", 1, 30, false)));

        assertThat(timeline.lastHealNanos()).hasValue(30);
        assertThat(timeline.windows()).extracting(FaultWindow::kind).containsExactly("a", "b");
    }
}
