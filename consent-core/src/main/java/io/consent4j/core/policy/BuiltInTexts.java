/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** Loads the German and English banner texts shipped in the jar. */
final class BuiltInTexts {

    /** The built-in texts per language. */
    static final Map<String, Map<BannerText, String>> ALL = load();

    private BuiltInTexts() {}

    /** Whether {@code locale} or its base language has built-in texts. */
    static boolean covers(String locale) {
        int dash = locale.indexOf('-');
        return ALL.containsKey(dash > 0 ? locale.substring(0, dash) : locale);
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
        try (InputStream in = BuiltInTexts.class.getResourceAsStream("banner-texts.json")) {
            if (in == null) {
                throw new IllegalStateException("banner-texts.json is missing from the consent-core jar");
            }
            JsonNode root = PolicyJson.MAPPER.readTree(in);
            Map<String, Map<BannerText, String>> all = new TreeMap<>();
            for (Map.Entry<String, JsonNode> locale : root.properties()) {
                EnumMap<BannerText, String> texts = new EnumMap<>(BannerText.class);
                for (BannerText key : BannerText.values()) {
                    JsonNode text = locale.getValue().get(key.key());
                    if (text == null || !text.isString()) {
                        throw new IllegalStateException(
                                "built-in text " + locale.getKey() + "." + key.key() + " is missing");
                    }
                    texts.put(key, text.stringValue());
                }
                all.put(locale.getKey(), Collections.unmodifiableMap(texts));
            }
            return Collections.unmodifiableMap(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
