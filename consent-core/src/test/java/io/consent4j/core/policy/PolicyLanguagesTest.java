/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Names, providers and links per language, and the warnings for texts missing in one of the policy's
 * languages (C11).
 */
class PolicyLanguagesTest {

    private static final String MINIMAL = """
            {
              "links": { "privacyPolicy": "/privacy", "imprint": "/imprint" },
              "categories": [ { "id": "necessary", "required": true }, { "id": "analytics" } ]
            }
            """;

    /** A German and English policy; {@code SERVICE} is replaced with one service. */
    private static final String BILINGUAL = """
            {
              "defaultLocale": "de",
              "links": LINKS,
              "categories": [ { "id": "necessary", "required": true }, { "id": "functional" } ],
              "services": [ SERVICE ]
            }
            """;

    private static final String PLAIN_LINKS = "{ \"privacyPolicy\": \"/datenschutz\", \"imprint\": \"/impressum\" }";

    private static final String MAIL = """
            { "id": "mail", "category": "functional",
              "name": { "de": "Newsletter-Versand", "en": "Newsletter delivery" },
              "provider": { "de": "E-Mail-Versanddienst", "en": "E-mail delivery service" },
              "purpose": { "de": "Versendet den Newsletter.", "en": "Sends the newsletter." },
              "cookies": [ { "name": "nl", "lifetime": "P30D",
                             "description": { "de": "Anmeldestatus", "en": "Sign-up state" } } ] }
            """;

    private static String bilingual(String links, String service) {
        return BILINGUAL.replace("LINKS", links).replace("SERVICE", service);
    }

    private static PolicyValidationException invalid(String json) {
        try {
            PolicyJson.read(json);
        } catch (PolicyValidationException e) {
            return e;
        }
        throw new AssertionError("expected the policy to be rejected: " + json);
    }

    @Test
    void policiesWithoutPerLanguageNamesOrLinksKeepTheirCanonicalForm() throws Exception {
        // Computed before names, providers and links could be given per language, over the canonical form
        // without its banner texts: such policies must keep that form. The texts are left out because the
        // built-in ones grow with releases, and the content hash rightly covers the texts a visitor sees.
        // Updated once when the built-in category labels and descriptions gained the 22 languages beyond
        // German and English: without those translations the form hashes to the earlier values
        // (1f46ceb3… and 183d44b2…).
        assertThat(sha256(canonicalWithoutTexts(Fixtures.policy()))).isEqualTo(FIXTURE_WITHOUT_TEXTS);
        assertThat(sha256(canonicalWithoutTexts(PolicyJson.read(MINIMAL)))).isEqualTo(MINIMAL_WITHOUT_TEXTS);
        assertThat(PolicyJson.canonical(Fixtures.policy()))
                .contains("\"name\":\"Matomo\"")
                .contains("\"provider\":\"Lernplattform GmbH\"")
                .contains("\"links\":{\"imprint\":\"/impressum\",\"privacyPolicy\":\"/datenschutz\"}");
    }

    private static final String FIXTURE_WITHOUT_TEXTS =
            "1fa1c03e2911c3e59d2a16fd03cb90005bfda37bd574d9eecbdcfd82bddfd805";
    private static final String MINIMAL_WITHOUT_TEXTS =
            "4039bc5095fe9f0117eeca0b2b534d175c76e113bd8c6f2d3518d0afe555c7eb";

    private static String canonicalWithoutTexts(ConsentPolicy policy) {
        tools.jackson.databind.node.ObjectNode tree = (tools.jackson.databind.node.ObjectNode)
                tools.jackson.databind.json.JsonMapper.builder().build().readTree(PolicyJson.canonical(policy));
        tree.remove("texts");
        return io.consent4j.core.internal.CanonicalJson.string(tree);
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsNameProviderAndLinksPerLanguage_C11() {
        ConsentPolicy policy = PolicyJson.read(bilingual(
                "{ \"privacyPolicy\": { \"de\": \"/datenschutz\", \"en\": \"/en/privacy\" }, \"imprint\": \"/impressum\" }",
                MAIL));

        Service mail = policy.service("mail").orElseThrow();
        assertThat(mail.name("en")).isEqualTo("Newsletter delivery");
        assertThat(mail.name("en-GB")).isEqualTo("Newsletter delivery");
        assertThat(mail.provider("en")).isEqualTo("E-mail delivery service");
        assertThat(mail.name("de")).isEqualTo("Newsletter-Versand");
        assertThat(mail.name("fr")).as("the default language's").isEqualTo("Newsletter-Versand");
        assertThat(mail.name()).isEqualTo("Newsletter-Versand");
        assertThat(mail.provider()).isEqualTo("E-Mail-Versanddienst");
        assertThat(policy.links().privacyPolicy("en")).isEqualTo("/en/privacy");
        assertThat(policy.links().privacyPolicy("de")).isEqualTo("/datenschutz");
        assertThat(policy.links().privacyPolicy("fr")).isEqualTo("/datenschutz");
        assertThat(policy.links().imprint("en"))
                .as("the same in every language")
                .isEqualTo("/impressum");
        assertThat(policy.warnings()).isEmpty();
    }

    @Test
    void perLanguageFormsSurviveTheCanonicalFormAndChangeTheHash() {
        ConsentPolicy perLanguage = PolicyJson.read(bilingual(PLAIN_LINKS, MAIL));
        ConsentPolicy plain = PolicyJson.read(bilingual(
                PLAIN_LINKS,
                MAIL.replace("{ \"de\": \"Newsletter-Versand\", \"en\": \"Newsletter delivery\" }", "\"Newsletter\"")));

        String canonical = PolicyJson.canonical(perLanguage);
        assertThat(canonical).contains("\"name\":{\"de\":\"Newsletter-Versand\",\"en\":\"Newsletter delivery\"}");
        assertThat(ConsentPolicy.fromJson(canonical)).isEqualTo(perLanguage);
        assertThat(ConsentPolicy.fromJson(canonical).service("mail").orElseThrow())
                .isEqualTo(perLanguage.service("mail").orElseThrow());
        assertThat(PolicyJson.canonical(plain)).contains("\"name\":\"Newsletter\"");
        assertThat(plain.contentHash()).isNotEqualTo(perLanguage.contentHash());
    }

    @Test
    void builtInCodeTheSameWayAsInJson() {
        ConsentPolicy json = PolicyJson.read(bilingual(
                "{ \"privacyPolicy\": { \"de\": \"/datenschutz\", \"en\": \"/en/privacy\" }, \"imprint\": \"/impressum\" }",
                MAIL));
        ConsentPolicy code = ConsentPolicy.builder()
                .defaultLocale("de")
                .links(PolicyLinks.of("/datenschutz", "/impressum").withPrivacyPolicy("en", "/en/privacy"))
                .category(Category.builder("necessary").required(true).build())
                .category(Category.of("functional"))
                .service(Service.builder("mail", "functional")
                        .name("Newsletter-Versand")
                        .name("en", "Newsletter delivery")
                        .provider("E-Mail-Versanddienst")
                        .provider("en", "E-mail delivery service")
                        .purpose("de", "Versendet den Newsletter.")
                        .purpose("en", "Sends the newsletter.")
                        .cookie(CookieDeclaration.builder("nl")
                                .lifetime("P30D")
                                .description("de", "Anmeldestatus")
                                .description("en", "Sign-up state")
                                .build())
                        .build())
                .build();

        assertThat(code.contentHash()).isEqualTo(json.contentHash());
        assertThat(code.warnings())
                .as("the plain name and provider are the German ones")
                .isEmpty();
    }

    @Test
    void aServiceWithoutANameIsCalledByItsProviderInEveryLanguage() {
        ConsentPolicy policy = PolicyJson.read(bilingual(PLAIN_LINKS, MAIL.replaceFirst("\"name\": \\{[^}]*},", "")));

        Service mail = policy.service("mail").orElseThrow();
        assertThat(mail.name("en")).isEqualTo("E-mail delivery service");
        assertThat(mail.name("de")).isEqualTo("E-Mail-Versanddienst");
    }

    @Test
    void aPerLanguageTextMustIncludeTheDefaultLanguage() {
        PolicyValidationException e = invalid(bilingual(
                "{ \"privacyPolicy\": { \"en\": \"/en/privacy\" }, \"imprint\": \"/impressum\" }",
                MAIL.replace("\"de\": \"Newsletter-Versand\", ", "")));

        assertThat(e.problems())
                .extracting(PolicyProblem::path)
                .containsExactlyInAnyOrder("$.links.privacyPolicy", "$.services[0].name");
        assertThat(e.getMessage()).contains("no text for the default language 'de'");
    }

    @Test
    void aPerLanguageLinkIsCheckedLikeAnyLink_C10() {
        PolicyValidationException e = invalid(bilingual(
                "{ \"privacyPolicy\": { \"de\": \"/datenschutz\", \"en\": \"javascript:alert(1)\" }, \"imprint\": 5 }",
                MAIL));

        assertThat(e.getMessage())
                .contains("$.links.privacyPolicy.en: 'javascript:alert(1)' is not a link")
                .contains("$.links.imprint: expected a string or an object keyed by language tag");
    }

    @Test
    void aNameGivenTwiceForTheDefaultLanguageMustAgree() {
        assertThatThrownBy(() -> ConsentPolicy.builder()
                        .defaultLocale("de")
                        .links(PolicyLinks.of("/p", "/i").withImprint("de", "/impressum"))
                        .category(Category.builder("necessary").required(true).build())
                        .service(Service.builder("mail", "necessary")
                                .provider("E-Mail-Versanddienst")
                                .provider("de", "Mailversand")
                                .purpose("de", "Versand")
                                .build())
                        .build())
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("links.imprint: '/i' is given for every language but '/impressum'")
                .hasMessageContaining("services[0].provider: 'E-Mail-Versanddienst' is given for every language");
    }

    @Test
    void warnsOfEachTextMissingInOneOfThePolicysLanguagesWithItsPath_C11() {
        String json = bilingual(
                PLAIN_LINKS,
                MAIL.replace(", \"en\": \"Sign-up state\"", "").replace(", \"en\": \"E-mail delivery service\"", ""));

        ConsentPolicy policy = PolicyJson.read(json);

        assertThat(policy.warnings())
                .extracting(PolicyProblem::path)
                .containsExactly("services[0].provider.en", "services[0].cookies[0].description.en");
        assertThat(policy.warnings().get(0).message()).contains("'en'").contains("[de, en]");
    }

    @Test
    void strictReadingFailsOnTheWarningsWithTheirPaths_C11() {
        String json = bilingual(PLAIN_LINKS, MAIL.replace(", \"en\": \"Sends the newsletter.\"", ""));

        assertThatThrownBy(() -> PolicyJson.readStrict(json))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("$.services[0].purpose.en: no text in 'en'");
        assertThatThrownBy(() -> PolicyJson.readStrict(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(PolicyValidationException.class);
        assertThat(PolicyJson.readStrict(bilingual(PLAIN_LINKS, MAIL)).warnings())
                .isEmpty();
    }

    @Test
    void aPolicyWrittenInOneLanguageHasNoWarnings() {
        String german = """
                { "defaultLocale": "de",
                  "links": { "privacyPolicy": "/datenschutz", "imprint": "/impressum" },
                  "categories": [ { "id": "necessary", "required": true }, { "id": "analytics" } ],
                  "services": [ { "id": "matomo", "category": "analytics", "provider": "Lernplattform GmbH",
                                  "purpose": "Reichweitenmessung" } ] }
                """;

        assertThat(PolicyJson.readStrict(german).warnings()).isEmpty();
        assertThat(PolicyJson.read(MINIMAL).warnings())
                .as("the built-in German category texts add no language")
                .isEmpty();
    }

    @Test
    void aLanguageWithoutBuiltInBannerTextsNeedsEveryBannerText() {
        String norwegian = MINIMAL.replace(
                "\"categories\"", "\"texts\": { \"nb\": { \"title\": \"Personvern\" } }, \"categories\"");

        ConsentPolicy policy = PolicyJson.read(norwegian);

        assertThat(policy.warnings())
                .extracting(PolicyProblem::path)
                .contains("texts.nb.acceptAll", "texts.nb.rejectAll", "categories[0].label.nb")
                .doesNotContain("texts.nb.title");
    }

    @Test
    void anEuLanguageNeedsNoBannerTextOfTheSite_C11() {
        String french = MINIMAL.replace(
                "\"categories\"", "\"texts\": { \"fr\": { \"title\": \"Votre vie privée\" } }, \"categories\"");

        ConsentPolicy policy = PolicyJson.read(french);

        assertThat(policy.warnings()).extracting(PolicyProblem::path).noneMatch(p -> p.startsWith("texts."));
        assertThat(policy.texts("fr").get(BannerText.TITLE)).isEqualTo("Votre vie privée");
        assertThat(policy.texts("fr").get(BannerText.REJECT_ALL)).isEqualTo("Tout refuser");
    }

    @Test
    void translatingAProviderIsEditorial_C17() {
        ConsentPolicy before =
                PolicyJson.read(bilingual(PLAIN_LINKS, MAIL.replace(", \"en\": \"E-mail delivery service\"", "")));
        ConsentPolicy after = PolicyJson.read(bilingual(PLAIN_LINKS, MAIL));

        PolicyChange change = PolicyChange.between(before, after);

        assertThat(change.isMaterial()).as("%s", change.material()).isFalse();
        assertThat(change.editorial()).containsExactly("service 'mail': name or provider in another language changed");
    }
}
