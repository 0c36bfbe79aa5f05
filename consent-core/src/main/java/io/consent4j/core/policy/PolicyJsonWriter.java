/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a policy as its canonical JSON tree: every field present, every default filled in and every
 * banner text resolved, so that equal content always gives the same tree and the same content hash.
 */
final class PolicyJsonWriter {

    private PolicyJsonWriter() {}

    /** The canonical JSON tree of {@code policy}: defaults filled in and banner texts resolved. */
    static ObjectNode tree(ConsentPolicy policy) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("version", policy.version());
        root.put("defaultLocale", policy.defaultLocale());
        root.put("consentLifetimeMonths", policy.consentLifetimeMonths());
        root.put("reaskAfterMonths", policy.reaskAfterMonths());
        if (policy.links() != null) {
            ObjectNode links = root.putObject("links");
            PolicyLinks l = policy.links();
            String locale = policy.defaultLocale();
            links.set("privacyPolicy", sameOrPerLanguage(l.privacyPolicy(), l.localizedPrivacyPolicy(), locale));
            links.set("imprint", sameOrPerLanguage(l.imprint(), l.localizedImprint(), locale));
        }
        ArrayNode categories = root.putArray("categories");
        for (Category c : policy.categories()) {
            ObjectNode node = categories.addObject();
            node.put("id", c.id());
            node.put("required", c.required());
            node.set("label", localized(c.label()));
            node.set("description", localized(c.description()));
            node.put("saleOrShare", c.saleOrShare());
            ArrayNode types = node.putArray("googleConsentMode");
            c.googleConsentMode().forEach(t -> types.add(t.gtagName()));
        }
        ArrayNode services = root.putArray("services");
        for (Service s : policy.services()) {
            ObjectNode node = services.addObject();
            node.put("id", s.id());
            node.put("category", s.category());
            node.set("name", sameOrPerLanguage(s.name(), s.localizedName(), policy.defaultLocale()));
            node.set("provider", sameOrPerLanguage(s.provider(), s.localizedProvider(), policy.defaultLocale()));
            node.set("purpose", localized(s.purpose()));
            if (s.privacyPolicyUrl() != null) {
                node.put("privacyPolicyUrl", s.privacyPolicyUrl().toString());
            }
            ArrayNode hosts = node.putArray("hosts");
            s.hosts().forEach(hosts::add);
            // Left out when unset, so that policies without it keep the content hash they had.
            if (s.consentApi() != null) {
                node.put("consentApi", s.consentApi().jsonName());
            }
            ArrayNode cookies = node.putArray("cookies");
            for (CookieDeclaration cookie : s.cookies()) {
                ObjectNode c = cookies.addObject();
                c.put("name", cookie.name());
                c.put("lifetime", cookie.lifetime().value());
                c.put("thirdParty", cookie.thirdParty());
                c.set("description", localized(cookie.description()));
                ArrayNode domains = c.putArray("domains");
                cookie.domains().forEach(domains::add);
                ArrayNode paths = c.putArray("paths");
                cookie.paths().forEach(paths::add);
            }
        }
        // Left out when the policy gives none, so that such policies keep the content hash they had.
        GoogleConsentModeOptions options = policy.googleConsentModeOptions();
        if (!options.isNone()) {
            ObjectNode mode = root.putObject("googleConsentMode");
            mode.put("waitForUpdate", options.waitForUpdateMillis());
            ArrayNode regions = mode.putArray("regions");
            for (GoogleConsentModeOptions.RegionDefaults r : options.regions()) {
                ObjectNode entry = regions.addObject();
                ArrayNode codes = entry.putArray("region");
                r.region().forEach(codes::add);
                r.granted().forEach((type, granted) -> entry.put(type.gtagName(), granted ? "granted" : "denied"));
            }
            mode.put("urlPassthrough", options.urlPassthrough());
            mode.put("adsDataRedaction", options.adsDataRedaction());
        }
        ObjectNode texts = root.putObject("texts");
        for (String locale : policy.locales()) {
            ObjectNode perLocale = texts.putObject(locale);
            policy.texts(locale).forEach((key, text) -> perLocale.put(key.key(), text));
        }
        return root;
    }

    /**
     * A plain string when the text is the same in every language, as every policy had it before texts
     * could differ, so that such policies keep their content hash; else an object with every language,
     * the default one included.
     */
    private static JsonNode sameOrPerLanguage(String plain, LocalizedText perLanguage, String defaultLocale) {
        if (perLanguage.isEmpty()) {
            return JsonNodeFactory.instance.stringNode(plain);
        }
        LocalizedText all = perLanguage.has(defaultLocale)
                ? perLanguage
                : LocalizedText.of(defaultLocale, plain).orElse(perLanguage);
        return localized(all);
    }

    private static ObjectNode localized(LocalizedText text) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        text.values().forEach(node::put);
        return node;
    }
}
