/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The words {@link CookieLifetime#describe(String)} uses, shipped in the jar one file per language
 * ({@code lifetimes/de.json}, …) for each of {@link BannerText#BUILT_IN_LANGUAGES}: the word for a
 * session cookie and, per unit, one pattern per {@link PluralCategory} in which {@code {n}} stands for the
 * number. Patterns rather than bare nouns, because in some languages the number changes more than the
 * ending ("{n} mbliana" in Irish, "{n} de ani" in Romanian, "{n}-il sena" in Maltese).
 */
final class LifetimeForms {

    /** The units a lifetime is told in, as keyed in the files. */
    static final List<String> UNITS = List.of("second", "minute", "hour", "day", "month", "year");

    private static final Map<String, LifetimeForms> ALL = load();

    private final String session;
    private final Map<String, Map<PluralCategory, String>> units;

    private LifetimeForms(String session, Map<String, Map<PluralCategory, String>> units) {
        this.session = session;
        this.units = units;
    }

    /** The forms of a built-in language; English for any other. */
    static LifetimeForms of(String language) {
        LifetimeForms forms = ALL.get(language);
        return forms != null ? forms : ALL.get("en");
    }

    /** The word for a cookie that lives until the browser session ends. */
    String session() {
        return session;
    }

    /** {@code n} of {@code unit} in this language, or {@code null} if the file lacks that form. */
    String pattern(String unit, PluralCategory category) {
        return units.get(unit).get(category);
    }

    /** {@code n} of {@code unit}, in the form the number requires in {@code language}. */
    static String count(String language, long n, String unit) {
        String lang = ALL.containsKey(language) ? language : "en";
        String pattern = ALL.get(lang).pattern(unit, PluralCategory.of(lang, n));
        return pattern.replace("{n}", Long.toString(n));
    }

    private static Map<String, LifetimeForms> load() {
        Map<String, LifetimeForms> all = new TreeMap<>();
        for (String language : BannerText.BUILT_IN_LANGUAGES) {
            JsonNode root = PolicyJson.bundled(resource(language));
            JsonNode session = root.get("session");
            if (session == null || !session.isString() || session.stringValue().isBlank()) {
                throw new IllegalStateException("built-in lifetime form " + language + ".session is missing");
            }
            Map<String, Map<PluralCategory, String>> units = new TreeMap<>();
            for (String unit : UNITS) {
                Map<PluralCategory, String> forms = new EnumMap<>(PluralCategory.class);
                for (PluralCategory category : PluralCategory.values()) {
                    JsonNode form = root.path(unit).get(category.key());
                    if (form != null && form.isString() && form.stringValue().contains("{n}")) {
                        forms.put(category, form.stringValue());
                    }
                }
                units.put(unit, Collections.unmodifiableMap(forms));
            }
            all.put(language, new LifetimeForms(session.stringValue(), Collections.unmodifiableMap(units)));
        }
        return Collections.unmodifiableMap(all);
    }

    /** The resource, relative to this class, that holds the lifetime forms of {@code language}. */
    static String resource(String language) {
        return "lifetimes/" + language + ".json";
    }
}
