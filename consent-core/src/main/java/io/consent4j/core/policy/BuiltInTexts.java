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

    private BuiltInTexts() {}

    static Map<String, Map<BannerText, String>> load() {
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
