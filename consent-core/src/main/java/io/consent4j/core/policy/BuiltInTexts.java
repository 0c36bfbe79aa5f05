/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Loads the banner texts shipped in the jar, one file per language ({@code texts/de.json}, …) for each of
 * {@link BannerText#BUILT_IN_LANGUAGES}, so that each language can be reviewed on its own.
 */
final class BuiltInTexts {

    /** The built-in texts per language. */
    static final Map<String, Map<BannerText, String>> ALL = load();

    private BuiltInTexts() {}

    /** Whether {@code locale} or its base language has built-in texts. */
    static boolean covers(String locale) {
        int dash = locale.indexOf('-');
        return ALL.containsKey(dash > 0 ? locale.substring(0, dash) : locale);
    }

    /** Whether every text of {@code texts} is the built-in text of {@code locale}. */
    static boolean sameAsBuiltIn(String locale, Map<BannerText, String> texts) {
        Map<BannerText, String> builtIn = ALL.get(locale);
        return builtIn != null
                && texts.entrySet().stream().allMatch(e -> e.getValue().equals(builtIn.get(e.getKey())));
    }

    /**
     * The text of {@code key} in the first language of {@code chain} that has one, the site's
     * {@code overrides} before the built-in texts; English when none has.
     */
    static String first(Map<String, Map<BannerText, String>> overrides, BannerText key, String... chain) {
        for (String locale : chain) {
            String text = overrides.getOrDefault(locale, Map.of()).get(key);
            if (text == null) {
                text = ALL.getOrDefault(locale, Map.of()).get(key);
            }
            if (text != null) {
                return text;
            }
        }
        return ALL.get("en").get(key);
    }

    private static Map<String, Map<BannerText, String>> load() {
        Map<String, Map<BannerText, String>> all = new TreeMap<>();
        for (String language : BannerText.BUILT_IN_LANGUAGES) {
            all.put(language, Collections.unmodifiableMap(load(language)));
        }
        return Collections.unmodifiableMap(all);
    }

    /** The texts of one language, failing when the file or any key is missing. */
    static EnumMap<BannerText, String> load(String language) {
        JsonNode root = PolicyJson.bundled(resource(language));
        EnumMap<BannerText, String> texts = new EnumMap<>(BannerText.class);
        for (BannerText key : BannerText.values()) {
            JsonNode text = root.get(key.key());
            if (text == null || !text.isString() || text.stringValue().isBlank()) {
                throw new IllegalStateException("built-in text " + language + "." + key.key() + " is missing");
            }
            texts.put(key, text.stringValue());
        }
        return texts;
    }

    /** The resource, relative to this class, that holds the texts of {@code language}. */
    static String resource(String language) {
        return "texts/" + language + ".json";
    }
}
