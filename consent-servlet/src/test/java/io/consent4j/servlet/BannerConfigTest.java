/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.receipt.ReceiptSigner;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BannerConfigTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("banner-config-test");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConsentManager manager = ConsentManager.builder(
                    Fixtures.POLICY,
                    Fixtures.CODEC,
                    new InMemoryConsentLedger(LedgerSettings.builder(SIGNER).build()),
                    SIGNER)
            .clock(Fixtures.CLOCK)
            .build();

    @Test
    void C6_withoutTheFilterTheStateIsReadFromTheConfiguredCookieName() {
        HttpServletRequest request =
                pageRequest(new Cookie("__Host-consent", Fixtures.cookieValue(Set.of("analytics"), Set.of())));

        assertThat(state(BannerConfig.json(manager, request, "de", "/consent", "__Host-consent")))
                .isEqualTo("decided");
        // A site that renamed its cookie but asks with the default name sees an undecided visitor.
        assertThat(state(BannerConfig.json(manager, request, "de", "/consent"))).isEqualTo("undecided");
    }

    @Test
    void theDataBlockUsesTheConfiguredCookieNameToo() {
        HttpServletRequest request = pageRequest(new Cookie("site-consent", Fixtures.refusal()));

        String block = BannerConfig.dataBlock(manager, request, "en", "/consent", "site-consent");

        assertThat(block).startsWith("<script type=\"application/json\" id=\"consent4j-config\">");
        String json = block.substring(block.indexOf('>') + 1, block.lastIndexOf("</script>"));
        assertThat(state(json.replace("<\\/", "</"))).isEqualTo("decided");
    }

    private static String state(String json) {
        JsonNode root = JSON.readTree(json);
        return root.get("state").get("state").stringValue();
    }

    /** A page request the filter did not see: a Cookie header only, no other headers, no attributes. */
    private static HttpServletRequest pageRequest(Cookie... cookies) {
        String header = java.util.Arrays.stream(cookies)
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        return (HttpServletRequest) Proxy.newProxyInstance(
                BannerConfigTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" ->
                        "Cookie".equalsIgnoreCase((String) args[0])
                                ? java.util.Collections.enumeration(java.util.List.of(header))
                                : java.util.Collections.emptyEnumeration();
                    case "toString" -> "page request";
                    default -> method.getReturnType() == boolean.class ? false : null;
                });
    }
}
