package io.clusterkv.benchmarks.replicated;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command-line options, each name checked against the ones a program knows. */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    private Options() {
    }

    /**
     * @throws IllegalArgumentException if an argument is not a {@code --name value} pair or names an unknown option
     */
    static Options parse(String[] args, Set<String> known) {
        Options options = new Options();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("arguments are --name value pairs: " + String.join(" ", args));
            }
            String name = args[i].substring(2);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
            }
            options.values.put(name, args[i + 1]);
        }
        return options;
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int number(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("--" + name + " must be a whole number: " + value, notNumber);
        }
    }

    List<String> list(String name, String fallback) {
        return Arrays.stream(text(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    int[] numbers(String name, String fallback) {
        return list(name, fallback).stream().mapToInt(Integer::parseInt).toArray();
    }
}
