/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.GoogleConsentType;
import io.consent4j.core.policy.PolicyLinks;
import io.consent4j.core.signing.ReceiptSigner;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code <head>} markup's script elements and the CSP nonce a site names for them. */
class HeadMarkupTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("head-markup-test");
    private static final Pattern SCRIPT_TAG = Pattern.compile("<script[^>]*>");

    /** A policy with Google Consent Mode, so that the markup has all three script elements. */
    private static final ConsentPolicy CONSENT_MODE = ConsentPolicy.builder()
            .version(1)
            .links(PolicyLinks.of("/privacy", "/imprint"))
            .category(Category.builder("necessary").required(true).build())
            .category(Category.builder("analytics")
                    .googleConsentMode(GoogleConsentType.ANALYTICS_STORAGE)
                    .build())
            .build();

    private final HeadMarkup markup = HeadMarkup.of(manager(), "/consent", "consent4j", "/consent4j/1");

    @Test
    void everyScriptElementCarriesTheNonceOfTheNamedRequestAttribute() {
        String html = markup.withCspNonceAttribute("cspNonce").html(request(Map.of("cspNonce", "r4nd0m+/=")), "en");

        assertThat(scriptTags(html))
                .hasSize(3)
                .allSatisfy(tag -> assertThat(tag).contains(" nonce=\"r4nd0m+/=\""));
        assertThat(html).contains("/consent4j/1/consent-mode.js", "/consent4j/1/consent.js");
    }

    @Test
    void theNonceIsEscapedSoThatItCannotEndTheAttribute() {
        String html = markup.withCspNonceAttribute("cspNonce")
                .html(request(Map.of("cspNonce", "x\"><script>alert(1)</script>")), "en");

        assertThat(scriptTags(html))
                .hasSize(3)
                .allSatisfy(
                        tag -> assertThat(tag).contains(" nonce=\"x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
        assertThat(html).doesNotContain("<script>alert");
    }

    @Test
    void withoutTheSettingOrWithoutTheAttributeNoScriptHasANonce() {
        HttpServletRequest withNonce = request(Map.of("cspNonce", "abc"));

        assertThat(markup.html(withNonce, "en")).doesNotContain("nonce");
        assertThat(markup.withCspNonceAttribute(" ").html(withNonce, "en")).doesNotContain("nonce");
        assertThat(markup.withCspNonceAttribute("cspNonce").html(request(Map.of()), "en"))
                .doesNotContain("nonce");
        assertThat(markup.withCspNonceAttribute("cspNonce").html(request(Map.of("cspNonce", "  ")), "en"))
                .doesNotContain("nonce");
    }

    @Test
    void theMarkupHasNoInlineStyle() {
        String html = markup.withCspNonceAttribute("cspNonce").html(request(Map.of("cspNonce", "abc")), "en");

        assertThat(html).doesNotContain("<style", "style=");
    }

    @Test
    void anAttributeNameWithWhiteSpaceIsRefusedWithThePropertyName() {
        assertThatThrownBy(() -> ConsentSettings.builder().cspNonceAttribute("csp nonce"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ConsentSettings.CSP_NONCE_ATTRIBUTE + " 'csp nonce'");
    }

    private static java.util.List<String> scriptTags(String html) {
        java.util.List<String> tags = new java.util.ArrayList<>();
        Matcher m = SCRIPT_TAG.matcher(html);
        while (m.find()) {
            tags.add(m.group());
        }
        return tags;
    }

    private static ConsentManager manager() {
        return ConsentManager.builder(
                        CONSENT_MODE,
                        Fixtures.CODEC,
                        new InMemoryConsentLedger(LedgerSettings.builder(SIGNER).build()),
                        SIGNER)
                .clock(Fixtures.CLOCK)
                .build();
    }

    /** A page request the filter did not see: no headers, no cookies, the given attributes. */
    private static HttpServletRequest request(Map<String, Object> attributes) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                HeadMarkupTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getContextPath" -> "";
                    case "getHeaders" -> Collections.emptyEnumeration();
                    case "toString" -> "page request";
                    default -> method.getReturnType() == boolean.class ? false : null;
                });
    }
}
