package io.clusterkv.benchmarks.replicated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The results as one Markdown table (grouped by operation and client threads, so that the systems of one row of the
 * issue sit together) and as JSON. Ratios are throughput against clusterkv's in the same run: below 1 means slower
 * than clusterkv.
 */
final class Report {
    static final String BASELINE = "clusterkv";
    static final String MAJORITY_BASELINE = "clusterkv-majority";

    private Report() {
    }

    /** @return the table, one line per measurement, with a closing note on errors and unsupported operations */
    static String markdown(List<Measurement> rows) {
        StringBuilder out = new StringBuilder();
        boolean majority = rows.stream().anyMatch(row -> row.systemId().equals(MAJORITY_BASELINE));
        out.append("| system | operation | threads | ops/s | p50 (µs) | p99 (µs) | p999 (µs) | ratio to clusterkv")
            .append(majority ? " | ratio to clusterkv (majority)" : "").append(" | others' CPU (cores) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|").append(majority ? "---:|" : "").append("---:|\n");
        for (Measurement row : ordered(rows)) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | ", row.system(), row.operation(), row.threads()));
            if (row.isSupported()) {
                out.append(String.format(Locale.ROOT, "%,.0f | %s | %s | %s | %s | ", row.opsPerSecond(),
                    micros(row.p50Micros()), micros(row.p99Micros()), micros(row.p999Micros()),
                    ratio(row, rows, BASELINE)));
                if (majority) {
                    out.append(ratio(row, rows, MAJORITY_BASELINE)).append(" | ");
                }
                out.append(String.format(Locale.ROOT, "%.2f |%n", row.othersCpuCores()));
            } else {
                out.append("n/a | n/a | n/a | n/a | n/a | ").append(majority ? "n/a | " : "").append("|\n");
            }
        }
        for (Measurement row : ordered(rows)) {
            if (!row.isSupported()) {
                out.append(String.format(Locale.ROOT, "%nn/a: %s, %s: %s%n", row.system(), row.operation(),
                    row.unsupported()));
                break;
            }
        }
        for (Measurement row : ordered(rows)) {
            if (row.errors() > 0) {
                out.append(String.format(Locale.ROOT, "%nerrors: %s, %s, %d threads: %d failed calls (first: %s)%n",
                    row.system(), row.operation(), row.threads(), row.errors(), row.firstError()));
            }
        }
        return out.toString();
    }

    private static List<Measurement> ordered(List<Measurement> rows) {
        List<String> systems = rows.stream().map(Measurement::systemId).distinct().toList();
        List<String> operations = rows.stream().map(Measurement::operation).distinct().toList();
        return rows.stream().sorted(Comparator.<Measurement>comparingInt(row -> operations.indexOf(row.operation()))
            .thenComparingInt(Measurement::threads).thenComparingInt(row -> systems.indexOf(row.systemId())))
            .toList();
    }

    private static String micros(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
    }

    private static String ratio(Measurement row, List<Measurement> rows, String baselineId) {
        return baseline(row, rows, baselineId)
            .map(base -> String.format(Locale.ROOT, "%.2fx", row.opsPerSecond() / base.opsPerSecond())).orElse("");
    }

    private static Optional<Measurement> baseline(Measurement row, List<Measurement> rows, String baselineId) {
        return rows.stream().filter(other -> other.systemId().equals(baselineId) && other.isSupported()
            && other.operation().equals(row.operation()) && other.threads() == row.threads()).findFirst();
    }

    /** Writes the rows, with the systems' descriptions, the settings and anything else given, as JSON. */
    static void writeJson(Path output, List<Measurement> rows, Map<String, String> descriptions,
                          Map<String, Object> settings, Map<String, Object> extra) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>(extra);
        document.put("settings", settings);
        document.put("systems", descriptions);
        List<Object> list = new ArrayList<>();
        for (Measurement row : rows) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("systemId", row.systemId());
            fields.put("system", row.system());
            fields.put("operation", row.operation());
            fields.put("threads", row.threads());
            if (row.isSupported()) {
                fields.put("opsPerSecond", row.opsPerSecond());
                fields.put("p50Micros", row.p50Micros());
                fields.put("p99Micros", row.p99Micros());
                fields.put("p999Micros", row.p999Micros());
                fields.put("operations", row.operations());
                fields.put("errors", row.errors());
                if (!row.firstError().isEmpty()) {
                    fields.put("firstError", row.firstError());
                }
                baseline(row, rows, BASELINE).ifPresent(base -> fields.put("ratioToClusterkv",
                    row.opsPerSecond() / base.opsPerSecond()));
                baseline(row, rows, MAJORITY_BASELINE).ifPresent(base -> fields.put("ratioToClusterkvMajority",
                    row.opsPerSecond() / base.opsPerSecond()));
                fields.put("benchmarkJvmCpuCores", row.ownCpuCores());
                fields.put("otherProcessesCpuCores", row.othersCpuCores());
            } else {
                fields.put("unsupported", row.unsupported());
            }
            list.add(fields);
        }
        document.put("rows", list);
        if (output.getParent() != null) {
            Files.createDirectories(output.getParent());
        }
        Files.writeString(output, json(document, "") + "\n");
    }

    private static String json(Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            String inner = indent + "  ";
            return map.entrySet().stream().map(e -> inner + quote(String.valueOf(e.getKey())) + ": "
                + json(e.getValue(), inner)).collect(Collectors.joining(",\n", "{\n", "\n" + indent + "}"));
        }
        if (value instanceof Collection<?> items) {
            boolean flat = items.stream().noneMatch(item -> item instanceof Map || item instanceof Collection);
            if (flat) {
                return items.stream().map(item -> json(item, indent)).collect(Collectors.joining(", ", "[", "]"));
            }
            String inner = indent + "  ";
            return items.stream().map(item -> inner + json(item, inner))
                .collect(Collectors.joining(",\n", "[\n", "\n" + indent + "]"));
        }
        if (value instanceof Double number) {
            return number.isNaN() || number.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", number);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        return quote(String.valueOf(value));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
