/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import io.consent4j.core.internal.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed values out of a policy's JSON tree, recording a {@link PolicyProblem} with its JSON path
 * for each value that is missing or of the wrong type instead of stopping at the first, so that a site
 * sees every mistake of its policy at once.
 */
final class JsonFieldReader {
    final List<PolicyProblem> problems = new ArrayList<>();
    /** The language a plain-string localized field means; set once the root's default is read. */
    String defaultLocale = "en";

    <T> Optional<T> attempt(String path, Supplier<T> action) {
        try {
            return Optional.ofNullable(action.get());
        } catch (PolicyValidationException e) {
            problems.addAll(e.under(path).problems());
            return Optional.empty();
        }
    }

    void attempt(String path, Runnable action) {
        attempt(path, () -> {
            action.run();
            return Boolean.TRUE;
        });
    }

    boolean object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            problems.add(new PolicyProblem(path, "expected an object, found " + describe(node)));
            return false;
        }
        return true;
    }

    void fields(JsonNode node, String path, Set<String> known) {
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                problems.add(new PolicyProblem(
                        path + "." + name,
                        "unknown field '" + name + "'" + Suggestions.didYouMean(name, known) + "; known fields: "
                                + new TreeSet<>(known)));
            }
        }
    }

    void each(JsonNode array, String path, BiConsumer<JsonNode, String> action) {
        if (!array.isArray()) {
            problems.add(new PolicyProblem(path, "expected an array, found " + describe(array)));
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            action.accept(array.get(i), path + "[" + i + "]");
        }
    }

    String string(JsonNode node, String path) {
        if (!node.isString()) {
            problems.add(new PolicyProblem(path, "expected a string, found " + describe(node)));
            return null;
        }
        return node.stringValue();
    }

    String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            problems.add(new PolicyProblem(path + "." + field, "missing"));
            return null;
        }
        return string(node, path + "." + field);
    }

    String optionalText(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : string(node, path + "." + field);
    }

    boolean bool(JsonNode parent, String field, String path, boolean fallback) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            problems.add(new PolicyProblem(path + "." + field, "expected true or false, found " + describe(node)));
            return fallback;
        }
        return node.booleanValue();
    }

    OptionalInt integer(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problems.add(new PolicyProblem(path + "." + field, "expected a whole number, found " + describe(node)));
            return OptionalInt.empty();
        }
        return OptionalInt.of(node.intValue());
    }

    List<String> strings(JsonNode parent, String field, String path) {
        List<String> values = new ArrayList<>();
        JsonNode node = parent.get(field);
        if (node != null && !node.isNull()) {
            each(node, path + "." + field, (item, itemPath) -> {
                String value = string(item, itemPath);
                if (value != null) {
                    values.add(value);
                }
            });
        }
        return values;
    }

    LocalizedText localized(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        String fieldPath = path + "." + field;
        if (node == null || node.isNull()) {
            return LocalizedText.empty();
        }
        if (node.isString()) {
            return attempt(fieldPath, () -> LocalizedText.of(defaultLocale, node.stringValue()))
                    .orElse(LocalizedText.empty());
        }
        if (!object(node, fieldPath)) {
            return LocalizedText.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String value = string(entry.getValue(), fieldPath + "." + entry.getKey());
            if (value != null) {
                values.put(entry.getKey(), value);
            }
        }
        return attempt(fieldPath, () -> new LocalizedText(values)).orElse(LocalizedText.empty());
    }

    /**
     * A text that is either the same in every language (a plain string) or given per language (an
     * object keyed by language tag, which must include the default language: its text is the one for
     * every language not listed). Null plain text when the field is missing or bad.
     */
    SameOrPerLanguage sameOrPerLanguage(JsonNode parent, String field, String path, boolean required) {
        JsonNode node = parent.get(field);
        String fieldPath = path + "." + field;
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new PolicyProblem(fieldPath, "missing"));
            }
            return SameOrPerLanguage.NONE;
        }
        if (node.isString()) {
            return new SameOrPerLanguage(node.stringValue(), LocalizedText.empty());
        }
        if (!node.isObject()) {
            problems.add(new PolicyProblem(
                    fieldPath, "expected a string or an object keyed by language tag, found " + describe(node)));
            return SameOrPerLanguage.NONE;
        }
        LocalizedText perLanguage = localized(parent, field, path);
        if (perLanguage.isEmpty()) {
            return SameOrPerLanguage.NONE;
        }
        String fallback = perLanguage.resolve(defaultLocale, null).orElse(null);
        if (fallback == null) {
            problems.add(new PolicyProblem(
                    fieldPath,
                    "no text for the default language '" + defaultLocale + "', which every language not listed"
                            + " gets; languages given: " + perLanguage.locales()));
        }
        return new SameOrPerLanguage(fallback, perLanguage);
    }

    /**
     * A field read by {@link #sameOrPerLanguage}.
     *
     * @param plain the text for every language without its own; null when missing
     * @param perLanguage the text per language; empty for a plain string
     */
    record SameOrPerLanguage(String plain, LocalizedText perLanguage) {
        static final SameOrPerLanguage NONE = new SameOrPerLanguage(null, LocalizedText.empty());
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        Function<String, String> cut = s -> s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + cut.apply(text);
    }
}
