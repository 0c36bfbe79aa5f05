/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options of the form {@code --name=value}; a name may repeat. */
final class Options {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Options() {}

    /** Parses {@code args}, refusing anything but {@code --name=value} with a name in {@code known}. */
    static Options parse(String[] args, Set<String> known) {
        Options options = new Options();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("options look like --name=value, got " + arg);
            }
            String name = arg.substring(2, eq);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
            }
            options.values.computeIfAbsent(name, n -> new ArrayList<>()).add(arg.substring(eq + 1));
        }
        return options;
    }

    /** The last value of {@code name}, or {@code fallback}. */
    String get(String name, String fallback) {
        List<String> list = values.get(name);
        return list == null ? fallback : list.get(list.size() - 1);
    }

    /** The last value of {@code name}; fails naming the option when it is missing. */
    String required(String name) {
        String value = get(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "=... is required");
        }
        return value;
    }

    int getInt(String name, int fallback) {
        String value = get(name, null);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was " + value, e);
        }
    }

    /** Every value of {@code name}, each split at commas. */
    List<String> all(String name) {
        List<String> result = new ArrayList<>();
        for (String value : values.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    result.add(part.strip());
                }
            }
        }
        return result;
    }
}
