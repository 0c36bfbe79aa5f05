/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.PolicyJson;
import io.consent4j.core.signing.ReceiptSigner;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
        assertThat(state(json)).isEqualTo("decided");
    }

    /**
     * Policy texts are the site's, but they reach the page inside a script element, where the HTML parser
     * does not see JSON: {@code <!--<script>} alone makes the block's {@code </script>} stop ending it.
     * Every text of the policy (banner texts, category labels and descriptions, service names, providers
     * and purposes, cookie descriptions) holds the markup; the block holds no raw {@code <}, {@code >} or
     * {@code &}, and parses to exactly the document {@link BannerConfig#json} gives.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "<!--<script>",
                "</script><script>alert(1)</script>",
                "]]>",
                "&amp;",
                "<!--<script></script><script>window.__pwned=1</script>-->",
                "line\u2028separator\u2029paragraph",
                "a \\ backslash before <b> and \\u003c written out",
            })
    void C7_everyPolicyTextRoundTripsThroughTheDataBlock(String markup) {
        ConsentManager hostile = ConsentManager.builder(
                        withEveryText(Fixtures.POLICY, markup),
                        Fixtures.CODEC,
                        new InMemoryConsentLedger(LedgerSettings.builder(SIGNER).build()),
                        SIGNER)
                .clock(Fixtures.CLOCK)
                .build();
        HttpServletRequest request = pageRequest();

        String block = BannerConfig.dataBlock(hostile, request, "en", "/consent");

        String open = "<script type=\"application/json\" id=\"consent4j-config\">";
        assertThat(block).startsWith(open).endsWith("</script>");
        String inside = block.substring(open.length(), block.length() - "</script>".length());
        assertThat(inside).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        JsonNode parsed = JSON.readTree(inside);
        assertThat(parsed).isEqualTo(JSON.readTree(BannerConfig.json(hostile, request, "en", "/consent")));
        assertThat(parsed.at("/texts/title").stringValue()).isEqualTo(markup + " title");
        assertThat(parsed.at("/texts/acceptAll").stringValue()).isEqualTo(markup + " acceptAll");
        assertThat(parsed.at("/categories/1/label").stringValue()).isEqualTo(markup + " label");
        assertThat(parsed.at("/categories/1/description").stringValue()).isEqualTo(markup + " description");
        assertThat(parsed.at("/services/0/name").stringValue()).isEqualTo(markup + " name");
        assertThat(parsed.at("/services/0/provider").stringValue()).isEqualTo(markup + " provider");
        assertThat(parsed.at("/services/0/purpose").stringValue()).isEqualTo(markup + " purpose");
        assertThat(parsed.at("/services/0/cookies/0/description").stringValue()).isEqualTo(markup + " description");
    }

    @Test
    void htmlSafeEscapesOnlyWhatHtmlCouldReadAndLeavesTheRestAlone() {
        assertThat(BannerConfig.htmlSafe("{\"a\":\"x\"}")).isEqualTo("{\"a\":\"x\"}");
        assertThat(BannerConfig.htmlSafe("{\"a\":\"<&>\\u2028\"}"))
                .isEqualTo("{\"a\":\"\\u003c\\u0026\\u003e\\u2028\"}");
        // A backslash that Jackson escaped stays a complete escape before the new one.
        assertThat(BannerConfig.htmlSafe("{\"a\":\"\\\\<\"}")).isEqualTo("{\"a\":\"\\\\\\u003c\"}");
        assertThat(JSON.readTree(BannerConfig.htmlSafe("{\"a\":\"\\\\<\"}"))
                        .get("a")
                        .stringValue())
                .isEqualTo("\\<");
    }

    /**
     * {@code policy} with every text it shows replaced by {@code markup} and the field's name, in every
     * locale of the policy.
     */
    static ConsentPolicy withEveryText(ConsentPolicy policy, String markup) {
        ObjectNode tree = PolicyJson.tree(policy);
        Set<String> locales = policy.locales();
        Consumer<JsonNode> localized = holder -> {
            for (String field : List.of("label", "description", "purpose")) {
                if (holder.has(field)) {
                    ObjectNode texts = ((ObjectNode) holder).putObject(field);
                    locales.forEach(locale -> texts.put(locale, markup + " " + field));
                }
            }
        };
        tree.get("categories").forEach(localized);
        for (JsonNode service : tree.get("services")) {
            ((ObjectNode) service).put("name", markup + " name");
            ((ObjectNode) service).put("provider", markup + " provider");
            localized.accept(service);
            service.get("cookies").forEach(localized);
        }
        ObjectNode texts = tree.putObject("texts");
        for (String locale : locales) {
            ObjectNode perLocale = texts.putObject(locale);
            for (BannerText key : BannerText.values()) {
                perLocale.put(key.key(), markup + " " + key.key());
            }
        }
        return ConsentPolicy.fromJson(tree.toString());
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
