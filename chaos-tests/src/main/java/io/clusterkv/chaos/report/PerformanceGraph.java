package io.clusterkv.chaos.report;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.FaultTimeline;
import io.clusterkv.chaos.history.FaultWindow;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a run as Jepsen draws its performance graphs: on top, throughput (operations completed per second, one
 * line per completion type); below, latency on a log scale (one point per operation at its invocation time,
 * coloured by completion type, with the median and 99th percentile of acknowledged operations per second); behind
 * both, the fault windows shaded and labelled, so a dip or a latency spike lines up with the fault that caused
 * it. Colours are Jepsen's: blue for ok, orange for info, pink for fail.
 */
final class PerformanceGraph {

    private static final int WIDTH = 1000;
    private static final int LEFT = 76;
    private static final int RIGHT = 830;
    private static final int PANEL_HEIGHT = 220;
    private static final int PANEL_GAP = 58;
    private static final int BOTTOM_MARGIN = 46;
    private static final int LABEL_ROW_HEIGHT = 13;
    private static final int MAX_LABEL_ROWS = 4;
    private static final double CHAR_WIDTH = 6.0;
    private static final long BUCKET_NANOS = 1_000_000_000L;
    private static final int MAX_POINTS = 6_000;
    private static final double MIN_LATENCY_MS = 0.001;

    private static final Map<CompletionType, String> COLOURS = new EnumMap<>(Map.of(
            CompletionType.OK, "#81BFFC", CompletionType.INFO, "#FFA400", CompletionType.FAIL, "#FF1E90"));
    private static final List<String> FAULT_COLOURS =
            List.of("#E15759", "#4E79A7", "#59A14F", "#B07AA1", "#9C755F", "#F28E2B");

    private final String title;
    private final History history;
    private final FaultTimeline faults;
    private final long endNanos;
    private final Axis time;
    private final Map<String, String> faultColourByFamily = new LinkedHashMap<>();
    private final int[] labelRowOfFault;
    private final int throughputTop;

    private PerformanceGraph(String title, History history, FaultTimeline faults) {
        this.title = title;
        this.history = history;
        this.faults = faults;
        this.endNanos = Math.max(history.endNanos(), faults.lastHealNanos().orElse(0));
        this.time = Axis.linear(Math.max(1, Math.ceil(endNanos / 1e9)), LEFT, RIGHT);
        this.labelRowOfFault = assignLabelRows();
        int rows = Arrays.stream(labelRowOfFault).max().orElse(-1) + 1;
        this.throughputTop = 44 + rows * LABEL_ROW_HEIGHT;
    }

    /** @return the SVG text of the graph */
    static String render(String title, History history, FaultTimeline faults) {
        return new PerformanceGraph(title, history, faults).draw();
    }

    private String draw() {
        int latencyTop = throughputTop + PANEL_HEIGHT + PANEL_GAP;
        int height = latencyTop + PANEL_HEIGHT + BOTTOM_MARGIN;
        SvgDocument svg = new SvgDocument(WIDTH, height);
        svg.text(LEFT, 22, title, "font-size=\"15\" font-weight=\"bold\"");
        drawFaults(svg, throughputTop, latencyTop + PANEL_HEIGHT);
        drawThroughput(svg, throughputTop);
        drawLatency(svg, latencyTop);
        svg.text((LEFT + RIGHT) / 2.0, height - 10, "time since start of run (s)", "text-anchor=\"middle\"");
        return svg.finish();
    }

    // ---- faults

    private int[] assignLabelRows() {
        List<FaultWindow> windows = faults.windows();
        int[] rows = new int[windows.size()];
        double[] rowEnds = new double[MAX_LABEL_ROWS];
        Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < windows.size(); i++) {
            double x = time.pixel(windows.get(i).startNanos() / 1e9);
            int row = 0;
            while (row < MAX_LABEL_ROWS - 1 && rowEnds[row] > x) {
                row++;
            }
            rows[i] = row;
            rowEnds[row] = x + windows.get(i).kind().length() * CHAR_WIDTH + 8;
        }
        return rows;
    }

    private void drawFaults(SvgDocument svg, double top, double bottom) {
        List<FaultWindow> windows = faults.windows();
        for (int i = 0; i < windows.size(); i++) {
            FaultWindow window = windows.get(i);
            String colour = faultColour(window);
            double x1 = time.pixel(window.startNanos() / 1e9);
            double x2 = time.pixel(window.endNanos() / 1e9);
            String tooltip = window.kind() + ": " + window.description();
            if (window.endNanos() == window.startNanos()) {
                svg.line(x1, top, x1, bottom, "stroke=\"" + colour + "\" stroke-dasharray=\"4,3\"");
            } else {
                shadePanels(svg, x1, Math.max(x2 - x1, 1.5), colour, tooltip);
            }
            double labelY = 44 + labelRowOfFault[i] * LABEL_ROW_HEIGHT - 3;
            svg.line(x1, labelY + 2, x1, top, "stroke=\"" + colour + "\" stroke-width=\"1\"");
            svg.text(x1 + 2, labelY, window.kind() + (window.active() ? " (not healed)" : ""),
                    "fill=\"" + colour + "\" font-weight=\"bold\"");
        }
    }

    private void shadePanels(SvgDocument svg, double x, double width, String colour, String tooltip) {
        String style = "fill=\"" + colour + "\" fill-opacity=\"0.13\"";
        int latencyTop = throughputTop + PANEL_HEIGHT + PANEL_GAP;
        svg.rect(x, throughputTop, width, PANEL_HEIGHT, style, tooltip);
        svg.rect(x, latencyTop, width, PANEL_HEIGHT, style, tooltip);
    }

    /** Faults of one family (the first word of their kind: kill, partition, pause) share a colour. */
    private String faultColour(FaultWindow window) {
        String family = window.kind().split("\\s+", 2)[0];
        return faultColourByFamily.computeIfAbsent(family,
                f -> FAULT_COLOURS.get(faultColourByFamily.size() % FAULT_COLOURS.size()));
    }

    // ---- throughput

    private void drawThroughput(SvgDocument svg, int top) {
        int buckets = (int) Math.ceil(time.max());
        Map<CompletionType, long[]> counts = completionsPerSecond(buckets);
        int fullBuckets = fullSeconds(buckets);
        long highest = counts.values().stream().flatMapToLong(Arrays::stream).max().orElse(0);
        Axis rate = Axis.linear(Axis.niceCeiling(Math.max(highest, 1), 5), top + PANEL_HEIGHT, top);
        drawFrame(svg, top, rate, "throughput (ops/s)");
        for (CompletionType type : CompletionType.values()) {
            List<double[]> points = new ArrayList<>();
            long[] perSecond = counts.get(type);
            for (int second = 0; second < fullBuckets; second++) {
                points.add(new double[] {time.pixel(second + 0.5), rate.pixel(perSecond[second])});
            }
            svg.polyline(points, "stroke=\"" + COLOURS.get(type) + "\" stroke-width=\"2\"");
        }
        drawLegend(svg, top, List.of(
                legendLine(CompletionType.OK.jsonName(), COLOURS.get(CompletionType.OK), ""),
                legendLine(CompletionType.INFO.jsonName(), COLOURS.get(CompletionType.INFO), ""),
                legendLine(CompletionType.FAIL.jsonName(), COLOURS.get(CompletionType.FAIL), "")));
    }

    /**
     * The last second of a run is usually cut short by its end; drawn at full height it would show a drop in
     * throughput that never happened, so it is left out unless it is the only one.
     */
    private int fullSeconds(int buckets) {
        boolean lastIsPartial = endNanos % BUCKET_NANOS != 0;
        return buckets > 1 && lastIsPartial ? buckets - 1 : buckets;
    }

    private Map<CompletionType, long[]> completionsPerSecond(int buckets) {
        Map<CompletionType, long[]> counts = new EnumMap<>(CompletionType.class);
        for (CompletionType type : CompletionType.values()) {
            counts.put(type, new long[buckets]);
        }
        for (Operation op : history.operations()) {
            int bucket = (int) Math.min(buckets - 1, op.completeNanos() / BUCKET_NANOS);
            counts.get(op.type())[bucket]++;
        }
        return counts;
    }

    // ---- latency

    private void drawLatency(SvgDocument svg, int top) {
        List<Operation> ops = history.operations();
        double lowest = ops.stream().mapToDouble(PerformanceGraph::latencyMs).min().orElse(1);
        double highest = ops.stream().mapToDouble(PerformanceGraph::latencyMs).max().orElse(10);
        Axis latency = Axis.logDecades(lowest, highest, top + PANEL_HEIGHT, top);
        drawFrame(svg, top, latency, "latency (ms, log)");
        svg.beginGroup("fill-opacity=\"0.55\"");
        int stride = Math.max(1, (int) Math.ceil(ops.size() / (double) MAX_POINTS));
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            if (op.type() == CompletionType.OK && i % stride != 0) {
                continue;
            }
            svg.circle(time.pixel(op.invokeNanos() / 1e9), latency.pixel(latencyMs(op)), 1.6,
                    "fill=\"" + COLOURS.get(op.type()) + "\"");
        }
        svg.endGroup();
        drawQuantileLines(svg, latency);
        drawLegend(svg, top, List.of(
                legendDot(CompletionType.OK.jsonName(), COLOURS.get(CompletionType.OK)),
                legendDot(CompletionType.INFO.jsonName(), COLOURS.get(CompletionType.INFO)),
                legendDot(CompletionType.FAIL.jsonName(), COLOURS.get(CompletionType.FAIL)),
                legendLine("p50 ok", "#333333", ""),
                legendLine("p99 ok", "#333333", "stroke-dasharray=\"5,3\"")));
    }

    private void drawQuantileLines(SvgDocument svg, Axis latency) {
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        List<long[]> latencies = acknowledgedLatenciesByInvocationSecond();
        for (int second = 0; second < latencies.size(); second++) {
            long[] sorted = latencies.get(second);
            if (sorted.length > 0) {
                double x = time.pixel(second + 0.5);
                p50.add(new double[] {x, latency.pixel(clampMs(Quantiles.nanos(sorted, 0.50) / 1e6))});
                p99.add(new double[] {x, latency.pixel(clampMs(Quantiles.nanos(sorted, 0.99) / 1e6))});
            }
        }
        svg.polyline(p50, "stroke=\"#333333\" stroke-width=\"1.5\"");
        svg.polyline(p99, "stroke=\"#333333\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"");
    }

    /** @return for each second of the run, the sorted latencies of the acknowledged operations invoked in it */
    private List<long[]> acknowledgedLatenciesByInvocationSecond() {
        int buckets = (int) Math.ceil(time.max());
        List<List<Long>> bySecond = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            bySecond.add(new ArrayList<>());
        }
        for (Operation op : history.operations()) {
            if (op.type() == CompletionType.OK) {
                bySecond.get((int) Math.min(buckets - 1, op.invokeNanos() / BUCKET_NANOS)).add(op.latencyNanos());
            }
        }
        return bySecond.stream().map(ops -> ops.stream().mapToLong(Long::longValue).sorted().toArray()).toList();
    }

    private static double latencyMs(Operation op) {
        return clampMs(op.latencyNanos() / 1e6);
    }

    private static double clampMs(double millis) {
        return Math.max(millis, MIN_LATENCY_MS);
    }

    // ---- frames and legends

    private void drawFrame(SvgDocument svg, int top, Axis values, String yTitle) {
        int bottom = top + PANEL_HEIGHT;
        for (double tick : values.ticks(5)) {
            double y = values.pixel(tick);
            svg.line(LEFT, y, RIGHT, y, "stroke=\"#e6e6e6\"");
            svg.text(LEFT - 6, y + 4, Axis.label(tick), "text-anchor=\"end\"");
        }
        for (double tick : time.ticks(10)) {
            double x = time.pixel(tick);
            svg.line(x, bottom, x, bottom + 4, "stroke=\"#333333\"");
            svg.text(x, bottom + 16, Axis.label(tick), "text-anchor=\"middle\"");
        }
        svg.rect(LEFT, top, RIGHT - LEFT, PANEL_HEIGHT, "fill=\"none\" stroke=\"#333333\"");
        double middle = top + PANEL_HEIGHT / 2.0;
        svg.text(18, middle, yTitle, "text-anchor=\"middle\" transform=\"rotate(-90 18 "
                + SvgDocument.num(middle) + ")\"");
    }

    private record LegendEntry(String label, String colour, boolean dot, String dash) {
    }

    private static LegendEntry legendLine(String label, String colour, String dash) {
        return new LegendEntry(label, colour, false, dash);
    }

    private static LegendEntry legendDot(String label, String colour) {
        return new LegendEntry(label, colour, true, "");
    }

    private static void drawLegend(SvgDocument svg, int top, List<LegendEntry> entries) {
        double x = RIGHT + 16;
        double y = top + 12;
        for (LegendEntry entry : entries) {
            if (entry.dot()) {
                svg.circle(x + 9, y - 4, 3.5, "fill=\"" + entry.colour() + "\"");
            } else {
                svg.line(x, y - 4, x + 18, y - 4, "stroke=\"" + entry.colour() + "\" stroke-width=\"2\" "
                        + entry.dash());
            }
            svg.text(x + 24, y, entry.label(), "");
            y += 16;
        }
    }
}
