/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The built-in texts of every official EU language (C11) against the reference languages, German and
 * English: exactly their keys, the same placeholders, the same numbers (the age of 16, the link's 7
 * days), and the settings link named in the first layer's text as the link itself reads.
 */
class BuiltInTextsTest {

    static final List<String> LANGUAGES = BannerText.BUILT_IN_LANGUAGES;

    static List<String> languages() {
        return LANGUAGES;
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-zA-Z]+}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    @Test
    void theTwentyFourOfficialEuLanguagesAreBuiltIn_C11() throws IOException {
        assertThat(LANGUAGES)
                .containsExactly(
                        "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
                        "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv");
        Path dir = Path.of("src/main/resources/io/consent4j/core/policy/texts");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("one file per built-in language, and no other")
                    .containsExactlyInAnyOrderElementsOf(
                            LANGUAGES.stream().map(l -> l + ".json").toList());
        }
        assertThat(BuiltInTexts.ALL.keySet()).containsExactlyInAnyOrderElementsOf(LANGUAGES);
    }

    @ParameterizedTest
    @MethodSource("languages")
    void everyLanguageHasExactlyTheReferenceKeysAndPlaceholders_C11(String language) throws IOException {
        Map<String, String> reference = raw("en");
        Map<String, String> german = raw("de");
        Map<String, String> texts = raw(language);

        assertThat(texts.keySet()).as(language + " keys").containsExactlyElementsOf(reference.keySet());
        assertThat(reference.keySet()).containsExactlyElementsOf(BannerText.keys());
        for (String key : reference.keySet()) {
            String text = texts.get(key);
            String where = language + "." + key;
            assertThat(text).as(where).isNotBlank().isEqualTo(text.strip());
            assertThat(matches(PLACEHOLDER, text))
                    .as(where + " placeholders")
                    .isEqualTo(matches(PLACEHOLDER, reference.get(key)));
            assertThat(matches(NUMBER, text)).as(where + " numbers").isEqualTo(matches(NUMBER, reference.get(key)));
            assertThat(matches(PLACEHOLDER, german.get(key)))
                    .as("de." + key)
                    .isEqualTo(matches(PLACEHOLDER, reference.get(key)));
            assertThat(text)
                    .as(where + " is HTML-escaped when shown, never markup")
                    .doesNotContain("<", ">");
        }
    }

    @ParameterizedTest
    @MethodSource("languages")
    void theFirstLayerNamesTheSettingsLinkAsItReads_C13(String language) throws IOException {
        Map<String, String> texts = raw(language);

        assertThat(texts.get("description")).contains(texts.get("reopen"));
        assertThat(texts.get("settingsTitle")).isEqualTo(texts.get("reopen"));
    }

    /** The file as written, every key in order, with nothing the loader might fill in. */
    private static Map<String, String> raw(String language) throws IOException {
        try (InputStream in = BuiltInTexts.class.getResourceAsStream(BuiltInTexts.resource(language))) {
            assertThat(in).as(language + " texts").isNotNull();
            JsonNode root = PolicyJson.MAPPER.readTree(in);
            Map<String, String> texts = new LinkedHashMap<>();
            root.properties().forEach(e -> texts.put(e.getKey(), e.getValue().stringValue()));
            return texts;
        }
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        found.sort(null);
        return found;
    }
}
