/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.Fixtures;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyJsonTest {

    private static final String MINIMAL = """
            {
              "links": { "privacyPolicy": "/privacy", "imprint": "/imprint" },
              "categories": [ { "id": "necessary", "required": true }, { "id": "analytics" } ]
            }
            """;

    private static PolicyValidationException invalid(String json) {
        try {
            PolicyJson.read(json);
        } catch (PolicyValidationException e) {
            return e;
        }
        throw new AssertionError("expected the policy to be rejected: " + json);
    }

    private static String withCategories(String categories) {
        return "{\"links\":{\"privacyPolicy\":\"/p\",\"imprint\":\"/i\"},\"categories\":" + categories + "}";
    }

    private static String withService(String service) {
        return "{\"links\":{\"privacyPolicy\":\"/p\",\"imprint\":\"/i\"},\"categories\":[{\"id\":\"necessary\",\"required\":true},"
                + "{\"id\":\"analytics\"}],\"services\":[" + service + "]}";
    }

    @Test
    void readsEveryFieldOfAFullPolicy() {
        ConsentPolicy policy = Fixtures.policy();

        assertThat(policy.version()).isEqualTo(2);
        assertThat(policy.defaultLocale()).isEqualTo("de");
        assertThat(policy.categories())
                .extracting(Category::id)
                .containsExactly("necessary", "functional", "analytics", "marketing");
        assertThat(policy.requiredCategoryIds()).containsExactly("necessary");
        assertThat(policy.saleOrShareCategoryIds()).containsExactly("marketing");
        assertThat(policy.googleConsentModeEnabled()).isTrue();
        Service matomo = policy.service("matomo").orElseThrow();
        assertThat(matomo.name()).isEqualTo("Matomo");
        assertThat(matomo.purpose().resolve("en", "de")).contains("Audience measurement with truncated IP addresses.");
        CookieDeclaration pkId = matomo.cookies().get(0);
        assertThat(pkId.isPattern()).isTrue();
        assertThat(pkId.lifetime().value()).isEqualTo("P13M");
        assertThat(pkId.domains()).containsExactly(".lernplattform.example");
        assertThat(pkId.paths()).containsExactly("/", "/kurse");
        assertThat(policy.service("payment").orElseThrow().privacyPolicyUrl())
                .hasToString("https://stripe.com/de/privacy");
        assertThat(policy.service("payment").orElseThrow().cookies().get(0).thirdParty())
                .isTrue();
        assertThat(policy.service("chat").orElseThrow().hosts()).containsExactly("*.zendesk.com");
        assertThat(policy.servicesOf("analytics"))
                .extracting(Service::id)
                .containsExactly("matomo", "google-analytics", "hotjar");
        assertThat(policy.texts("de").get(BannerText.TITLE)).isEqualTo("Ihre Privatsphäre auf der Lernplattform");
        assertThat(policy.links()).isEqualTo(PolicyLinks.of("/datenschutz", "/impressum"));
    }

    @Test
    void minimalPolicyGetsSaneDefaults() {
        ConsentPolicy policy = PolicyJson.read(MINIMAL);

        assertThat(policy.version()).isEqualTo(1);
        assertThat(policy.defaultLocale()).isEqualTo("en");
        assertThat(policy.consentLifetimeMonths()).isEqualTo(6);
        assertThat(policy.reaskAfterMonths()).isEqualTo(6);
        assertThat(policy.locales()).containsExactlyElementsOf(BannerText.BUILT_IN_LANGUAGES);
        assertThat(policy.category("analytics").orElseThrow().label().resolve("de", "en"))
                .contains("Statistik");
        assertThat(policy.category("necessary").orElseThrow().description().has("en"))
                .isTrue();
        assertThat(policy.services()).isEmpty();
        assertThat(policy.googleConsentModeEnabled()).isFalse();
    }

    @Test
    void bannerTextsAreBuiltInForEveryEuLanguage_C11() {
        ConsentPolicy policy = PolicyJson.read(MINIMAL);

        assertThat(policy.texts("de").get(BannerText.ACCEPT_ALL)).isEqualTo("Alle akzeptieren");
        assertThat(policy.texts("de").get(BannerText.REJECT_ALL)).isEqualTo("Alle ablehnen");
        assertThat(policy.texts("en").get(BannerText.REJECT_ALL)).isEqualTo("Reject all");
        assertThat(policy.texts("de-AT").get(BannerText.REOPEN)).isEqualTo("Cookie-Einstellungen");
        assertThat(policy.texts("fr").get(BannerText.ACCEPT_ALL)).isEqualTo("Tout accepter");
        assertThat(policy.texts("ja").get(BannerText.ACCEPT_ALL))
                .as("falls back to the default language")
                .isEqualTo("Accept all");
        for (BannerText key : BannerText.values()) {
            assertThat(policy.texts("de").get(key)).as(key.key()).isNotBlank();
            assertThat(policy.texts("en").get(key)).as(key.key()).isNotBlank();
        }
    }

    @Test
    void siteTextsOverrideBuiltInOnesPerLanguage() {
        ConsentPolicy policy = PolicyJson.read(MINIMAL.replace(
                "\"categories\"",
                "\"texts\": {\"de\": {\"acceptAll\": \"Alles erlauben\"}, \"fr\": {\"acceptAll\": \"J'accepte tout\"},"
                        + " \"ja\": {\"acceptAll\": \"すべて同意する\"}}, \"categories\""));

        assertThat(policy.texts("de").get(BannerText.ACCEPT_ALL)).isEqualTo("Alles erlauben");
        assertThat(policy.texts("de").get(BannerText.REJECT_ALL)).isEqualTo("Alle ablehnen");
        assertThat(policy.texts("fr").get(BannerText.ACCEPT_ALL)).isEqualTo("J'accepte tout");
        assertThat(policy.texts("fr").get(BannerText.REJECT_ALL)).isEqualTo("Tout refuser");
        assertThat(policy.texts("ja").get(BannerText.ACCEPT_ALL)).isEqualTo("すべて同意する");
        assertThat(policy.texts("ja").get(BannerText.REJECT_ALL)).isEqualTo("Reject all");
        assertThat(policy.locales()).contains("de", "en", "fr", "ja").hasSize(25);
    }

    @Test
    void plainStringTextMeansTheDefaultLanguage() {
        ConsentPolicy policy = PolicyJson.read(withCategories(
                "[{\"id\":\"basis\",\"required\":true,\"label\":\"Basis\",\"description\":\"Needed to sign in.\"}]"));

        assertThat(policy.category("basis").orElseThrow().label().values()).containsEntry("en", "Basis");
    }

    @Test
    void marketingCountsAsSaleOrShareUnlessSaidOtherwise_C19() {
        ConsentPolicy policy = PolicyJson.read(
                withCategories(
                        "[{\"id\":\"necessary\",\"required\":true},{\"id\":\"marketing\"},{\"id\":\"ads\",\"label\":\"Ads\",\"saleOrShare\":true}]"));
        ConsentPolicy optedOut = PolicyJson.read(withCategories(
                "[{\"id\":\"necessary\",\"required\":true},{\"id\":\"marketing\",\"saleOrShare\":false}]"));

        assertThat(policy.saleOrShareCategoryIds()).containsExactly("marketing", "ads");
        assertThat(optedOut.saleOrShareCategoryIds()).isEmpty();
    }

    @Test
    void unknownFieldIsNamedWithItsPathAndASuggestion() {
        PolicyValidationException e = invalid(
                withService("{\"id\":\"matomo\",\"category\":\"analytics\",\"provder\":\"X\",\"purpose\":\"Stats\"}"));

        assertThat(e.problems())
                .extracting(PolicyProblem::path)
                .contains("$.services[0].provder", "$.services[0].provider");
        assertThat(e.getMessage())
                .contains("$.services[0].provder: unknown field 'provder' (did you mean 'provider'?)");
    }

    @Test
    void unknownRootFieldSuggestsTheClosestOne() {
        assertThat(invalid(MINIMAL.replace("\"links\"", "\"consentLifetimeMonth\": 6, \"links\""))
                        .getMessage())
                .contains(
                        "$.consentLifetimeMonth: unknown field 'consentLifetimeMonth' (did you mean 'consentLifetimeMonths'?)");
    }

    @Test
    void duplicateCategoryIdIsRejected() {
        assertThat(invalid(
                                withCategories(
                                        "[{\"id\":\"necessary\",\"required\":true},{\"id\":\"analytics\"},{\"id\":\"analytics\"}]"))
                        .getMessage())
                .contains("$.categories[2].id: duplicate category id 'analytics'");
    }

    @Test
    void duplicateServiceIdIsRejected() {
        String service = "{\"id\":\"matomo\",\"category\":\"analytics\",\"provider\":\"X\",\"purpose\":\"Stats\"}";

        assertThat(invalid(withService(service + "," + service)).getMessage())
                .contains("$.services[1].id: duplicate service id 'matomo'");
    }

    @Test
    void serviceInUnknownCategoryIsRejectedWithASuggestion() {
        assertThat(invalid(
                                withService(
                                        "{\"id\":\"matomo\",\"category\":\"analytic\",\"provider\":\"X\",\"purpose\":\"Stats\"}"))
                        .getMessage())
                .contains("$.services[0].category: unknown category 'analytic' (did you mean 'analytics'?)");
    }

    @Test
    void policyWithoutARequiredCategoryIsRejected() {
        assertThat(invalid(withCategories("[{\"id\":\"necessary\"},{\"id\":\"analytics\"}]"))
                        .getMessage())
                .contains("$.categories: no category is required");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 14, -1, 120})
    void consentLifetimeOutsideOneToThirteenMonthsIsRejected_C18(int months) {
        assertThat(invalid(MINIMAL.replace("\"links\"", "\"consentLifetimeMonths\": " + months + ", \"links\""))
                        .getMessage())
                .contains("$.consentLifetimeMonths: must be between 1 and 13 months, was " + months);
    }

    @Test
    void reaskIntervalLongerThanTheLifetimeIsRejected_C16() {
        assertThat(invalid(MINIMAL.replace(
                                "\"links\"", "\"consentLifetimeMonths\": 6, \"reaskAfterMonths\": 7, \"links\""))
                        .getMessage())
                .contains("$.reaskAfterMonths: must be between 1 month and the consent lifetime (6 months), was 7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "**", "_ga**", "my cookie", "a;b", "a=b", "x,y", "(x)", "ä"})
    void malformedCookieNamePatternIsRejected(String name) {
        PolicyValidationException e = invalid(withService("{\"id\":\"s\",\"category\":\"analytics\",\"provider\":\"X\","
                + "\"purpose\":\"P\",\"cookies\":[{\"name\":\"" + name + "\",\"lifetime\":\"P1D\"}]}"));

        assertThat(e.problems()).extracting(PolicyProblem::path).containsExactly("$.services[0].cookies[0].name");
        assertThat(e.getMessage()).contains("'" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"13 months", "P", "P-1D", "forever", "PT0S"})
    void malformedCookieLifetimeIsRejected(String lifetime) {
        PolicyValidationException e = invalid(withService("{\"id\":\"s\",\"category\":\"analytics\",\"provider\":\"X\","
                + "\"purpose\":\"P\",\"cookies\":[{\"name\":\"_x\",\"lifetime\":\"" + lifetime + "\"}]}"));

        assertThat(e.problems()).extracting(PolicyProblem::path).containsExactly("$.services[0].cookies[0].lifetime");
    }

    @Test
    void necessaryCookieWithoutAWrittenReasonIsRejected_C2() {
        String json =
                "{\"links\":{\"privacyPolicy\":\"/p\",\"imprint\":\"/i\"},\"categories\":[{\"id\":\"necessary\",\"required\":true}],"
                        + "\"services\":[{\"id\":\"login\",\"category\":\"necessary\",\"provider\":\"Us\",\"purpose\":\"Login\","
                        + "\"cookies\":[{\"name\":\"SESSION\",\"lifetime\":\"session\"}]}]}";

        assertThat(invalid(json).getMessage())
                .contains(
                        "$.services[0].cookies[0].description: necessary cookie 'SESSION' needs a written reason in 'en' (C2)");
    }

    @Test
    void requiredCategoryWithoutAReasonIsRejected_C2() {
        assertThat(invalid(withCategories("[{\"id\":\"basis\",\"required\":true,\"label\":\"Basis\"}]"))
                        .getMessage())
                .contains(
                        "$.categories[0].description: required category 'basis' must say why it is necessary in 'en' (C2)");
    }

    @Test
    void serviceWithoutProviderOrPurposeIsRejected_C7() {
        PolicyValidationException e =
                invalid(withService("{\"id\":\"s\",\"category\":\"analytics\",\"provider\":\" \"}"));

        assertThat(e.getMessage()).contains("$.services[0].provider: service 's' names no provider (C7)");
        assertThat(invalid(withService("{\"id\":\"s\",\"category\":\"analytics\",\"provider\":\"X\"}"))
                        .getMessage())
                .contains("$.services[0].purpose: service 's' has no purpose in the default language 'en' (C7)");
    }

    @Test
    void unknownBannerTextAndConsentModeTypeAreRejectedWithSuggestions() {
        String json = MINIMAL.replace(
                        "{ \"id\": \"analytics\" }",
                        "{ \"id\": \"analytics\", \"googleConsentMode\": [\"analytic_storage\"] }")
                .replace("\"links\"", "\"texts\": {\"de\": {\"acceptall\": \"Ja\"}}, \"links\"");

        PolicyValidationException e = invalid(json);

        assertThat(e.getMessage())
                .contains("$.texts.de.acceptall: unknown banner text 'acceptall' (did you mean 'acceptAll'?)")
                .contains("$.categories[1].googleConsentMode[0]: unknown Google Consent Mode type 'analytic_storage'"
                        + " (did you mean 'analytics_storage'?)");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        PolicyValidationException e =
                invalid("{\"version\": \"two\", \"categories\": [{\"id\": \"Bad Id\"}, 5], \"links\": {}}");

        assertThat(e.problems())
                .extracting(PolicyProblem::path)
                .contains(
                        "$.version",
                        "$.links.privacyPolicy",
                        "$.links.imprint",
                        "$.categories[0].id",
                        "$.categories[1]");
        assertThat(e.getMessage())
                .startsWith("Invalid consent policy (")
                .contains("expected a whole number, found string \"two\"");
    }

    @Test
    void badJsonIsReportedWithLineAndColumn() {
        assertThat(invalid("{\n  \"version\": 1,\n  \"links\": }").getMessage()).contains("not valid JSON at line 3");
    }

    @Test
    void duplicateJsonKeysAreRejected() {
        assertThat(invalid("{\"version\": 1, \"version\": 2}").getMessage())
                .contains("not valid JSON")
                .contains("version");
    }

    @Test
    void unsafeLinksAreRejected_C10() {
        assertThat(invalid(MINIMAL.replace("/privacy", "javascript:alert(1)")).getMessage())
                .contains("$.links.privacyPolicy: 'javascript:alert(1)' is not a link");
    }

    @Test
    void serviceIdThatIsAlsoACategoryIdIsRejectedAsAmbiguous() {
        assertThat(invalid(
                                withService(
                                        "{\"id\":\"analytics\",\"category\":\"analytics\",\"provider\":\"X\",\"purpose\":\"P\"}"))
                        .getMessage())
                .contains("would be ambiguous");
    }

    @Test
    void sameCookieDeclaredByTwoServicesIsRejected() {
        String a =
                "{\"id\":\"a\",\"category\":\"analytics\",\"provider\":\"X\",\"purpose\":\"P\",\"cookies\":[{\"name\":\"_ga\",\"lifetime\":\"P1Y\"}]}";

        assertThat(invalid(withService(a + "," + a.replace("\"a\"", "\"b\""))).getMessage())
                .contains("$.services[1].cookies[0].name: cookie '_ga' is declared by both services 'a' and 'b'");
    }

    @Test
    void missingFileIsReportedWithItsPath() {
        assertThatThrownBy(() -> ConsentPolicy.fromJson(Path.of("no-such-policy.json")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("no-such-policy.json");
    }

    @Test
    void canonicalFormReadsBackToTheSamePolicy() {
        ConsentPolicy policy = Fixtures.policy();

        ConsentPolicy again = PolicyJson.read(PolicyJson.canonical(policy));

        assertThat(again).isEqualTo(policy);
        assertThat(again.contentHash()).isEqualTo(policy.contentHash());
        assertThat(PolicyJson.canonical(again)).isEqualTo(PolicyJson.canonical(policy));
    }

    @Test
    void contentHashIgnoresFormattingAndKeyOrder() {
        String reordered = """
                {"categories":[{"required":true,"id":"necessary"},{"id":"analytics"}],
                 "links":{"imprint":"/imprint","privacyPolicy":"/privacy"}}
                """;

        assertThat(PolicyJson.read(reordered).contentHash())
                .isEqualTo(PolicyJson.read(MINIMAL).contentHash());
        assertThat(PolicyJson.read(MINIMAL).contentHash()).matches("[0-9a-f]{64}");
    }

    @Test
    void contentHashChangesWithAnyText() {
        ConsentPolicy policy = PolicyJson.read(MINIMAL);
        ConsentPolicy edited =
                policy.toBuilder().text("en", BannerText.TITLE, "Privacy").build();

        assertThat(edited.contentHash()).isNotEqualTo(policy.contentHash());
        assertThat(edited).isNotEqualTo(policy);
    }

    @Test
    void builderAndJsonDescribeTheSamePolicy() {
        ConsentPolicy built = ConsentPolicy.builder()
                .links(PolicyLinks.of("/privacy", "/imprint"))
                .category(Category.builder("necessary").required(true).build())
                .category(Category.of("analytics"))
                .build();

        assertThat(built.contentHash()).isEqualTo(PolicyJson.read(MINIMAL).contentHash());
    }

    @Test
    void canonicalJsonEscapesOnlyWhatJsonRequires() {
        ConsentPolicy policy = PolicyJson.read(MINIMAL).toBuilder()
                .text("de", BannerText.TITLE, "„Datenschutz“ <b> \\ \"x\" é")
                .build();

        assertThat(PolicyJson.canonical(policy)).contains("\"title\":\"„Datenschutz“ <b> \\\\ \\\"x\\\" é\"");
    }
}
