/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A text in several languages, keyed by lower-case BCP 47 language tag ({@code de}, {@code en},
 * {@code de-at}). Lookups fall back from a regional tag to its language.
 *
 * @param values the text per language tag; never null, blank texts are not allowed
 */
public record LocalizedText(Map<String, String> values) {

    private static final Pattern TAG = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}");
    private static final LocalizedText EMPTY = new LocalizedText(Map.of());

    /** Validates the language tags and texts and normalizes the tags to lower case. */
    public LocalizedText {
        if (values == null) {
            throw PolicyValidationException.of("", "text must not be null");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String tag = normalizeLocale(entry.getKey());
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                throw PolicyValidationException.of(tag, "text must not be blank");
            }
            copy.put(tag, entry.getValue().strip());
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** A text with no translations. */
    public static LocalizedText empty() {
        return EMPTY;
    }

    /** A text in one language. */
    public static LocalizedText of(String locale, String text) {
        return new LocalizedText(Map.of(locale, text));
    }

    /** A text in German and English. */
    public static LocalizedText ofGermanEnglish(String german, String english) {
        return new LocalizedText(Map.of("de", german, "en", english));
    }

    /**
     * The text for {@code locale}, else for its language, else for {@code fallbackLocale}; empty when
     * none of these exist.
     */
    public Optional<String> resolve(String locale, String fallbackLocale) {
        String found = lookup(locale);
        if (found == null && fallbackLocale != null) {
            found = lookup(fallbackLocale);
        }
        return Optional.ofNullable(found);
    }

    private String lookup(String locale) {
        if (locale == null) {
            return null;
        }
        String tag = locale.toLowerCase(Locale.ROOT).replace('_', '-');
        String exact = values.get(tag);
        if (exact != null) {
            return exact;
        }
        int dash = tag.indexOf('-');
        return dash > 0 ? values.get(tag.substring(0, dash)) : null;
    }

    /** Whether a text exists for exactly this language tag or its language. */
    public boolean has(String locale) {
        return lookup(locale) != null;
    }

    /** The language tags this text is written in. */
    public Set<String> locales() {
        return values.keySet();
    }

    /** Whether there is no translation at all. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Returns this text with the translations of {@code defaults} added where this one has none. */
    LocalizedText orElse(LocalizedText defaults) {
        if (defaults.values.isEmpty()) {
            return this;
        }
        TreeMap<String, String> merged = new TreeMap<>(defaults.values);
        merged.putAll(values);
        return new LocalizedText(merged);
    }

    /**
     * Normalizes a language tag to lower case with dashes, failing with a clear message when it is not
     * a plausible BCP 47 language tag.
     */
    static String normalizeLocale(String tag) {
        if (tag == null) {
            throw PolicyValidationException.of("", "language tag must not be null");
        }
        String normalized = tag.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (!TAG.matcher(normalized).matches()) {
            throw PolicyValidationException.of(
                    "", "'" + tag + "' is not a language tag; use one like 'de', 'en' or 'de-AT'");
        }
        return normalized;
    }
}
