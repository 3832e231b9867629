package io.clusterkv.chaos.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The operations of one run, in invocation order: what the checkers read. Taken from a {@link HistoryRecorder}, or
 * built directly in tests, or read back from the JSON a failing run kept.
 *
 * @param operations every operation, ordered by id
 */
public record History(List<Operation> operations) {

    /** @throws NullPointerException if the list or one of its operations is null */
    public History {
        operations = List.copyOf(Objects.requireNonNull(operations, "operations cannot be null"));
    }

    /** @return a history of the given operations, in the given order */
    public static History of(Operation... operations) {
        return new History(Arrays.asList(operations));
    }

    /** @return the operations that called one of the given functions, in order */
    public List<Operation> calling(KvFunction first, KvFunction... more) {
        Set<KvFunction> functions = EnumSet.of(first, more);
        return operations.stream().filter(op -> functions.contains(op.function())).toList();
    }

    /**
     * Groups single-key operations of the given functions by key, the unit of P-compositional checking: a register
     * or a counter is checked on its own.
     *
     * @return for each key, in order of first appearance, its operations in order
     */
    public Map<String, List<Operation>> singleKeyOperationsByKey(KvFunction first, KvFunction... more) {
        Map<String, List<Operation>> byKey = new LinkedHashMap<>();
        for (Operation op : calling(first, more)) {
            if (op.keys().size() == 1) {
                byKey.computeIfAbsent(op.key(), key -> new ArrayList<>()).add(op);
            }
        }
        byKey.replaceAll((key, ops) -> List.copyOf(ops));
        return byKey;
    }

    /** @return the latest completion time, or 0 for an empty history */
    public long endNanos() {
        return operations.stream().mapToLong(Operation::completeNanos).max().orElse(0);
    }

    /** @return this history as indented JSON */
    public String toJson() {
        return HistoryJson.write(this);
    }

    /**
     * @param json what {@link #toJson()} wrote
     * @return the history it holds
     * @throws IllegalArgumentException if the text is not a history in JSON
     */
    public static History fromJson(String json) {
        return HistoryJson.read(json, History.class);
    }

    /**
     * Keeps this history in a file, e.g. for a run whose verdict failed.
     *
     * @throws IOException if the file cannot be written
     */
    public void writeTo(Path file) throws IOException {
        HistoryJson.writeFile(this, file);
    }

    /**
     * @return the history kept in the file
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if it does not hold a history in JSON
     */
    public static History readFrom(Path file) throws IOException {
        return HistoryJson.readFile(file, History.class);
    }
}
