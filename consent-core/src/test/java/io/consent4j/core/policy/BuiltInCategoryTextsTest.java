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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The labels and descriptions of the common categories in every built-in language (C11), the
 * necessary one saying why it is needed and that it cannot be switched off (C2).
 */
class BuiltInCategoryTextsTest {

    static List<String> languages() {
        return BannerText.BUILT_IN_LANGUAGES;
    }

    @Test
    void oneFilePerBuiltInLanguageAndNoOther_C11() throws IOException {
        Path dir = Path.of("src/main/resources/io/consent4j/core/policy/categories");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(
                            languages().stream().map(l -> l + ".json").toList());
        }
        assertThat(BuiltInCategoryTexts.ALL.keySet())
                .containsExactlyInAnyOrderElementsOf(BuiltInCategoryTexts.IDS)
                .contains("necessary", "functional", "analytics", "performance", "marketing");
    }

    @ParameterizedTest
    @MethodSource("languages")
    void everyBuiltInLanguageHasALabelAndDescriptionForEveryDefaultCategory_C11(String language) throws IOException {
        JsonNode root = raw(language);
        List<String> ids = new ArrayList<>();
        root.propertyNames().forEach(ids::add);
        assertThat(ids).as(language + " category ids").containsExactlyElementsOf(BuiltInCategoryTexts.IDS);
        for (String id : BuiltInCategoryTexts.IDS) {
            List<String> fields = new ArrayList<>();
            root.get(id).propertyNames().forEach(fields::add);
            assertThat(fields).as(language + "." + id).containsExactly("label", "description");

            Category category = Category.of(id);
            String label = category.label().resolve(language, null).orElseThrow();
            String description = category.description().resolve(language, null).orElseThrow();
            assertThat(label).as(language + "." + id + ".label").isNotBlank().doesNotContain("<", ">", "\n");
            assertThat(description)
                    .as(language + "." + id + ".description")
                    .isNotBlank()
                    .doesNotContain("<", ">", "\n")
                    .endsWith(".");
            if (!language.equals("en")) {
                assertThat(description)
                        .as(language + "." + id + " is translated")
                        .isNotEqualTo(Category.of(id)
                                .description()
                                .resolve("en", null)
                                .orElseThrow());
            }
        }
    }

    @Test
    void builtInLocalesAreEveryBuiltInLanguageForTheCommonIdsOnly() {
        for (String id : BuiltInCategoryTexts.IDS) {
            assertThat(Category.builtInLocales(id)).as(id).containsExactlyInAnyOrderElementsOf(languages());
            assertThat(Category.of(id).label().locales()).as(id).containsExactlyInAnyOrderElementsOf(languages());
        }
        assertThat(Category.builtInLocales("newsletter")).isEmpty();
        assertThat(Category.of("newsletter").label().isEmpty()).isTrue();
    }

    @Test
    void theNecessaryCategorySaysItCannotBeSwitchedOff_C2() {
        LocalizedText description = Category.of("necessary").description();
        assertThat(description.resolve("en", null))
                .hasValue(
                        "These cookies are needed for the site to work, for example for signing in, for security and for"
                                + " remembering your cookie choice. They cannot be switched off.");
        assertThat(description.resolve("fr", null)).get().asString().endsWith("Ils ne peuvent pas être désactivés.");
        assertThat(description.resolve("pl", null)).get().asString().endsWith("Nie można ich wyłączyć.");
        assertThat(Category.of("analytics").label().resolve("sv", null)).hasValue("Statistik");
        assertThat(Category.of("marketing").label().resolve("fi-FI", null)).hasValue("Markkinointi");
    }

    @Test
    void aSiteTextDifferentFromTheBuiltInOneIsTheSitesOwn() {
        Category own =
                Category.builder("analytics").label("sv", "Besöksstatistik").build();
        Category builtIn = Category.builder("analytics")
                .label("sv", "Statistik")
                .label("de", "Statistik")
                .build();

        assertThat(Category.isBuiltIn("analytics", "sv", own.label(), own.description()))
                .isFalse();
        assertThat(Category.isBuiltIn("analytics", "de", own.label(), own.description()))
                .isTrue();
        assertThat(Category.isBuiltIn("analytics", "sv", builtIn.label(), builtIn.description()))
                .isTrue();
        assertThat(Category.isBuiltIn("newsletter", "de", own.label(), own.description()))
                .isFalse();
    }

    @Test
    void builtInCategoryTextsAddNoLanguageButTheSitesOwnDo_C11() {
        String french = """
                { "defaultLocale": "fr",
                  "links": { "privacyPolicy": "/confidentialite", "imprint": "/mentions-legales" },
                  "categories": [ { "id": "necessary", "required": true }, { "id": "analytics" } ],
                  "services": [ { "id": "matomo", "category": "analytics", "provider": "Plateforme SAS",
                                  "purpose": { "fr": "Mesure d'audience" } } ] }
                """;

        assertThat(PolicyJson.readStrict(french).warnings()).isEmpty();
        assertThat(PolicyWarnings.languages(PolicyJson.read(PolicyJson.canonical(PolicyJson.read(french)))))
                .as("read back from its canonical form, which holds every built-in text")
                .containsExactly("fr");

        ConsentPolicy swedish = PolicyJson.read(french.replace(
                "{ \"id\": \"analytics\" }", "{ \"id\": \"analytics\", \"label\": { \"sv\": \"Besök\" } }"));
        assertThat(swedish.warnings()).extracting(PolicyProblem::path).containsExactly("services[0].purpose.sv");
    }

    private static JsonNode raw(String language) throws IOException {
        try (InputStream in = BuiltInCategoryTexts.class.getResourceAsStream(BuiltInCategoryTexts.resource(language))) {
            assertThat(in).as(language).isNotNull();
            return PolicyJson.MAPPER.readTree(in);
        }
    }
}
