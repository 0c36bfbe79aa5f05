/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Loads the labels and descriptions shipped in the jar for the common category ids, one file per language
 * ({@code categories/de.json}, …) for each of {@link BannerText#BUILT_IN_LANGUAGES}, so that each language
 * can be reviewed next to its banner texts.
 */
final class BuiltInCategoryTexts {

    /** The category ids that have built-in texts. */
    static final List<String> IDS = List.of("necessary", "functional", "analytics", "performance", "marketing");

    /** Per category id: its label and its description, each in every built-in language. */
    static final Map<String, LocalizedText[]> ALL = load();

    private BuiltInCategoryTexts() {}

    private static Map<String, LocalizedText[]> load() {
        Map<String, Map<String, String>> labels = new TreeMap<>();
        Map<String, Map<String, String>> descriptions = new TreeMap<>();
        for (String language : BannerText.BUILT_IN_LANGUAGES) {
            JsonNode root = PolicyJson.bundled(resource(language));
            for (String id : IDS) {
                labels.computeIfAbsent(id, k -> new TreeMap<>()).put(language, text(root, language, id, "label"));
                descriptions
                        .computeIfAbsent(id, k -> new TreeMap<>())
                        .put(language, text(root, language, id, "description"));
            }
        }
        Map<String, LocalizedText[]> all = new TreeMap<>();
        for (String id : IDS) {
            all.put(id, new LocalizedText[] {new LocalizedText(labels.get(id)), new LocalizedText(descriptions.get(id))
            });
        }
        return Collections.unmodifiableMap(all);
    }

    /** The text {@code field} of category {@code id}, failing when it is missing or blank. */
    private static String text(JsonNode root, String language, String id, String field) {
        JsonNode text = root.path(id).get(field);
        if (text == null || !text.isString() || text.stringValue().isBlank()) {
            throw new IllegalStateException(
                    "built-in category text " + language + "." + id + "." + field + " is missing");
        }
        return text.stringValue();
    }

    /** The resource, relative to this class, that holds the category texts of {@code language}. */
    static String resource(String language) {
        return "categories/" + language + ".json";
    }
}
