/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.GoogleConsentModeOptions;
import io.consent4j.core.policy.GoogleConsentType;
import io.consent4j.core.policy.LocalizedText;
import io.consent4j.core.policy.Service;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the banner script reads: the policy in one language and the visitor's state. See
 * {@link ConsentEndpoint} for the format.
 */
final class StateJson {

    /** The texts of the parent's pages, which the server renders. */
    static final Set<BannerText> PARENT_PAGE_TEXTS = EnumSet.range(BannerText.PARENT_TITLE, BannerText.PARENT_CONFIRM);

    private StateJson() {}

    /** The whole document: language, policy texts, categories, services, links and state. */
    static ObjectNode document(ConsentPolicy policy, String locale, ConsentDecision decision, String endpoint) {
        ObjectNode root = Problem.JSON.createObjectNode();
        root.put("locale", locale);
        ArrayNode locales = root.putArray("locales");
        policy.locales().forEach(locales::add);
        ObjectNode policyNode = root.putObject("policy");
        policyNode.put("version", policy.version());
        policyNode.put("hash", policy.contentHash());
        policyNode.put("lifetimeMonths", policy.consentLifetimeMonths());
        ObjectNode texts = root.putObject("texts");
        // The parent's pages are the server's alone; the script never shows their texts.
        policy.texts(locale).forEach((key, text) -> {
            if (!PARENT_PAGE_TEXTS.contains(key)) {
                texts.put(key.key(), text);
            }
        });
        ObjectNode links = root.putObject("links");
        links.put("privacyPolicy", policy.links().privacyPolicy(locale));
        links.put("imprint", policy.links().imprint(locale));
        ArrayNode categories = root.putArray("categories");
        for (Category category : policy.categories()) {
            ObjectNode c = categories.addObject();
            c.put("id", category.id());
            c.put("label", text(category.label(), locale, policy, category.id()));
            c.put("description", text(category.description(), locale, policy, ""));
            c.put("required", category.required());
            ArrayNode ids = c.putArray("services");
            policy.servicesOf(category.id()).forEach(s -> ids.add(s.id()));
        }
        ArrayNode services = root.putArray("services");
        String yes = policy.texts(locale).get(BannerText.YES);
        String no = policy.texts(locale).get(BannerText.NO);
        for (Service service : policy.services()) {
            ObjectNode s = services.addObject();
            s.put("id", service.id());
            s.put("category", service.category());
            s.put("name", service.name(locale));
            s.put("provider", service.provider(locale));
            s.put("purpose", text(service.purpose(), locale, policy, ""));
            if (service.privacyPolicyUrl() == null) {
                s.putNull("privacyPolicyUrl");
            } else {
                s.put("privacyPolicyUrl", service.privacyPolicyUrl().toString());
            }
            ArrayNode cookies = s.putArray("cookies");
            for (CookieDeclaration cookie : service.cookies()) {
                ObjectNode k = cookies.addObject();
                k.put("name", cookie.name());
                k.put("lifetime", cookie.lifetime().describe(locale));
                k.put("lifetimeIso", cookie.lifetime().value());
                k.put("thirdParty", cookie.thirdParty());
                k.put("thirdPartyText", cookie.thirdParty() ? yes : no);
                k.put("description", text(cookie.description(), locale, policy, ""));
            }
        }
        root.set("state", state(policy, decision, endpoint));
        return root;
    }

    /** The visitor's state: consent id, state, what is granted, whether to show the banner, Consent Mode. */
    static ObjectNode state(ConsentPolicy policy, ConsentDecision decision, String endpoint) {
        ObjectNode state = Problem.JSON.createObjectNode();
        if (decision.consent() == null) {
            state.putNull("consentId");
        } else {
            state.put("consentId", decision.consent().id().toString());
        }
        state.put("state", decision.state().name().toLowerCase(java.util.Locale.ROOT));
        state.put("showBanner", decision.showBanner());
        state.put("parentalConsentRequired", decision.parentalConsentRequired());
        ArrayNode categories = state.putArray("categories");
        policy.categories().stream()
                .filter(c -> decision.allowsCategory(c.id()))
                .forEach(c -> categories.add(c.id()));
        ArrayNode services = state.putArray("services");
        policy.services().stream().filter(s -> decision.allowsService(s.id())).forEach(s -> services.add(s.id()));
        ArrayNode denied = state.putArray("deniedBySignal");
        decision.deniedBySignal().stream().sorted().forEach(denied::add);
        if (decision.consent() != null) {
            state.put("expiresAt", decision.consent().expiresAt().toString());
        }
        ObjectNode links = state.putObject("links");
        links.put("receipt", endpoint + "/receipt");
        links.put("history", endpoint + "/history");
        links.put("publicKey", endpoint + "/jwk");
        state.set("googleConsentMode", googleConsentMode(policy, decision));
        ObjectNode apis = consentApis(policy, decision);
        if (!apis.isEmpty()) {
            state.set("consentApis", apis);
        }
        return state;
    }

    /**
     * The Google Consent Mode v2 mapping (C20): {@code enabled}, {@code default} with every mapped type
     * denied, and {@code update} with the types of allowed categories granted.
     */
    private static ObjectNode googleConsentMode(ConsentPolicy policy, ConsentDecision decision) {
        ObjectNode mode = Problem.JSON.createObjectNode();
        mode.put("enabled", policy.googleConsentModeEnabled());
        Map<String, String> defaults = new TreeMap<>();
        Map<String, String> update = new TreeMap<>();
        for (Category category : policy.categories()) {
            for (GoogleConsentType type : category.googleConsentMode()) {
                defaults.put(type.gtagName(), "denied");
                boolean granted = decision.allowsCategory(category.id());
                update.merge(type.gtagName(), granted ? "granted" : "denied", (a, b) -> a.equals("granted") ? a : b);
            }
        }
        GoogleConsentModeOptions options = policy.googleConsentModeOptions();
        ObjectNode d = mode.putObject("default");
        defaults.forEach(d::put);
        if (options.waitForUpdateMillis() > 0) {
            d.put("wait_for_update", options.waitForUpdateMillis());
        }
        ObjectNode u = mode.putObject("update");
        update.forEach(u::put);
        // The options only when given, so that the data block of other sites stays as small as it was.
        if (!options.regions().isEmpty()) {
            ArrayNode regions = mode.putArray("regions");
            for (GoogleConsentModeOptions.RegionDefaults r : options.regions()) {
                ObjectNode entry = regions.addObject();
                r.granted().forEach((type, granted) -> entry.put(type.gtagName(), granted ? "granted" : "denied"));
                ArrayNode codes = entry.putArray("region");
                r.region().forEach(codes::add);
                if (options.waitForUpdateMillis() > 0) {
                    entry.put("wait_for_update", options.waitForUpdateMillis());
                }
            }
        }
        if (options.urlPassthrough()) {
            mode.put("urlPassthrough", true);
        }
        if (options.adsDataRedaction()) {
            mode.put("adsDataRedaction", true);
        }
        return mode;
    }

    /**
     * What {@code consent-mode.js} passes to the tools' own consent APIs, for each API a service names:
     * Matomo and Meta whether the service is allowed; Clarity {@code analytics_Storage} when it is
     * allowed and {@code ad_Storage} when it is allowed in a sale/share category; UET {@code ad_storage}.
     */
    private static ObjectNode consentApis(ConsentPolicy policy, ConsentDecision decision) {
        ObjectNode apis = Problem.JSON.createObjectNode();
        for (Service service : policy.services()) {
            if (service.consentApi() == null) {
                continue;
            }
            boolean allowed = decision.allowsService(service.id());
            switch (service.consentApi()) {
                case MATOMO, META -> apis.put(service.consentApi().jsonName(), allowed);
                case CLARITY -> {
                    boolean ads = allowed
                            && policy.category(service.category())
                                    .map(Category::saleOrShare)
                                    .orElse(false);
                    apis.putObject("clarity")
                            .put("ad_Storage", granted(ads))
                            .put("analytics_Storage", granted(allowed));
                }
                case UET -> apis.putObject("uet").put("ad_storage", granted(allowed));
            }
        }
        return apis;
    }

    private static String granted(boolean granted) {
        return granted ? "granted" : "denied";
    }

    private static String text(LocalizedText text, String locale, ConsentPolicy policy, String fallback) {
        return text.resolve(locale, policy.defaultLocale()).orElse(fallback);
    }
}
