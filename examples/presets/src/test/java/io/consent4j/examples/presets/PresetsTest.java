/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.presets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.LocalizedText;
import io.consent4j.core.policy.PolicyJson;
import io.consent4j.core.policy.Service;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every preset promises, whatever platform it was mapped from. */
class PresetsTest {

    static List<String> names() {
        return Presets.names();
    }

    @Test
    void namesTheFivePlatforms() {
        assertThat(Presets.names())
                .containsExactly("valenumera", "calyptenora", "asmeronexa", "fluxariont", "dravoiqent");
    }

    @Test
    void unknownNameIsRejectedWithTheKnownNames() {
        assertThatThrownBy(() -> Presets.load("valenumerra"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'valenumerra'")
                .hasMessageContaining("[valenumera, calyptenora, asmeronexa, fluxariont, dravoiqent]");
        assertThatThrownBy(() -> Presets.load(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("names")
    void loadsAndValidatesAsAFirstVersionInGerman_C10(String name) {
        ConsentPolicy policy = Presets.load(name);

        assertThat(policy.version()).isEqualTo(1);
        assertThat(policy.defaultLocale()).isEqualTo("de");
        assertThat(policy.links().privacyPolicy()).isEqualTo("/datenschutz");
        assertThat(policy.links().imprint()).isEqualTo("/impressum");
        assertThat(policy.requiredCategoryIds()).hasSize(1);
        assertThat(ConsentPolicy.fromJson(PolicyJson.canonical(policy))).isEqualTo(policy);
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyCategoryHasGermanAndEnglishLabelAndDescription_C7_C11(String name) {
        for (Category category : Presets.load(name).categories()) {
            assertGermanAndEnglish(category.label(), "label of category " + category.id());
            assertGermanAndEnglish(category.description(), "description of category " + category.id());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyServiceNamesItsProviderAndPurposeInGermanAndEnglish_C7_C11(String name) {
        for (Service service : Presets.load(name).services()) {
            assertThat(service.provider()).as("provider of %s", service.id()).isNotBlank();
            assertGermanAndEnglish(service.purpose(), "purpose of service " + service.id());
            for (CookieDeclaration cookie : service.cookies()) {
                assertGermanAndEnglish(cookie.description(), "description of cookie " + cookie.name());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void hasNoTextMissingInGermanOrEnglish_C11(String name) {
        ConsentPolicy policy = Presets.load(name);

        assertThat(policy.warnings()).isEmpty();
        assertThat(policy.locales()).contains("de", "en");
    }

    /** Words of the German names and providers the presets had before they were given per language. */
    private static final List<String> GERMAN =
            List.of("Plattform", "Einstellungen", "Versand", "Dienst", "Anbieter", "Auftragsverarbeiter", "Speicher");

    @ParameterizedTest
    @MethodSource("names")
    void serviceNamesAndProvidersReadInEnglishOnAnEnglishPage_C11(String name) {
        for (Service service : Presets.load(name).services()) {
            assertThat(service.name("en") + " · " + service.provider("en"))
                    .as("English name and provider of %s", service.id())
                    .doesNotContainPattern("[äöüÄÖÜß]")
                    .satisfies(text -> assertThat(GERMAN).noneMatch(text::contains));
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyNecessaryCookieHasAWrittenReason_C2(String name) {
        ConsentPolicy policy = Presets.load(name);
        List<CookieDeclaration> necessary = policy.services().stream()
                .filter(s -> policy.requiredCategoryIds().contains(s.category()))
                .flatMap(s -> s.cookies().stream())
                .toList();

        assertThat(necessary).isNotEmpty();
        assertThat(necessary)
                .allSatisfy(cookie -> assertThat(cookie.description().resolve("de", "de"))
                        .as("reason for necessary cookie %s", cookie.name())
                        .hasValueSatisfying(reason -> assertThat(reason).hasSizeGreaterThan(20)));
        for (String id : policy.requiredCategoryIds()) {
            assertThat(policy.category(id).orElseThrow().description().has("de"))
                    .as("why category %s is necessary", id)
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void remembersTheChoiceInANecessaryConsentCookie_C2_C16(String name) {
        ConsentPolicy policy = Presets.load(name);

        assertThat(policy.services().stream()
                        .filter(s -> policy.requiredCategoryIds().contains(s.category()))
                        .flatMap(s -> s.cookies().stream())
                        .map(CookieDeclaration::name))
                .contains("consent4j");
    }

    @ParameterizedTest
    @MethodSource("names")
    void declaresNoPrivacyPolicyUrlOrHostTheSourceTextDoesNotGive(String name) {
        assertThat(Presets.load(name).services())
                .allSatisfy(s ->
                        assertThat(s.privacyPolicyUrl()).as("URL of %s", s.id()).isNull())
                .allSatisfy(s -> assertThat(s.hosts()).as("hosts of %s", s.id()).isEmpty());
    }

    private static void assertGermanAndEnglish(LocalizedText text, String what) {
        assertThat(text.has("de")).as("German %s", what).isTrue();
        assertThat(text.has("en")).as("English %s", what).isTrue();
    }
}
