/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import io.consent4j.core.internal.Suggestions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns a policy's JSON tree into a {@link ConsentPolicy.Builder}: which fields each object of the
 * format has and what they mean. Every problem is collected with its path; see {@link PolicyJson}.
 */
final class PolicyJsonReader {

    private static final Set<String> ROOT_FIELDS = Set.of(
            "$schema",
            "version",
            "defaultLocale",
            "consentLifetimeMonths",
            "reaskAfterMonths",
            "links",
            "categories",
            "services",
            "texts",
            "googleConsentMode");
    private static final Set<String> LINK_FIELDS = Set.of("privacyPolicy", "imprint");
    private static final Set<String> CATEGORY_FIELDS =
            Set.of("id", "required", "label", "description", "saleOrShare", "googleConsentMode");
    private static final Set<String> SERVICE_FIELDS = Set.of(
            "id", "category", "name", "provider", "purpose", "privacyPolicyUrl", "hosts", "cookies", "consentApi");
    private static final Set<String> CONSENT_MODE_FIELDS =
            Set.of("waitForUpdate", "regions", "urlPassthrough", "adsDataRedaction");
    private static final Set<String> COOKIE_FIELDS =
            Set.of("name", "lifetime", "thirdParty", "description", "domains", "paths");

    private final JsonFieldReader json = new JsonFieldReader();

    /** The problems found so far. */
    List<PolicyProblem> problems() {
        return json.problems;
    }

    ConsentPolicy.Builder root(JsonNode root) {
        ConsentPolicy.Builder b = ConsentPolicy.builder();
        if (!json.object(root, "$")) {
            return b;
        }
        json.fields(root, "$", ROOT_FIELDS);
        JsonNode locale = root.get("defaultLocale");
        if (locale != null && json.string(locale, "$.defaultLocale") != null) {
            json.defaultLocale = locale.stringValue();
            b.defaultLocale(locale.stringValue());
        }
        json.integer(root, "version", "$").ifPresent(b::version);
        json.integer(root, "consentLifetimeMonths", "$").ifPresent(b::consentLifetimeMonths);
        json.integer(root, "reaskAfterMonths", "$").ifPresent(b::reaskAfterMonths);
        JsonNode links = root.get("links");
        if (links == null) {
            json.problems.add(
                    new PolicyProblem("$.links", "missing: give { \"privacyPolicy\": …, \"imprint\": … } (C10)"));
        } else if (json.object(links, "$.links")) {
            json.fields(links, "$.links", LINK_FIELDS);
            JsonFieldReader.SameOrPerLanguage privacy = json.sameOrPerLanguage(links, "privacyPolicy", "$.links", true);
            JsonFieldReader.SameOrPerLanguage imprint = json.sameOrPerLanguage(links, "imprint", "$.links", true);
            if (privacy.plain() != null && imprint.plain() != null) {
                json.attempt(
                        "$.links",
                        () -> b.links(new PolicyLinks(
                                privacy.plain(), imprint.plain(), privacy.perLanguage(), imprint.perLanguage())));
            } else {
                // One link is missing; still report what is wrong with the other.
                json.attempt(
                        "$.links",
                        () -> PolicyLinks.checkAlone("privacyPolicy", privacy.plain(), privacy.perLanguage()));
                json.attempt(
                        "$.links", () -> PolicyLinks.checkAlone("imprint", imprint.plain(), imprint.perLanguage()));
            }
        }
        JsonNode categories = root.get("categories");
        if (categories == null) {
            json.problems.add(new PolicyProblem(
                    "$.categories", "missing: a policy needs at least one category, and one of them required"));
        } else {
            json.each(
                    categories,
                    "$.categories",
                    (node, path) -> category(node, path).ifPresent(b::category));
        }
        JsonNode services = root.get("services");
        if (services != null) {
            json.each(
                    services, "$.services", (node, path) -> service(node, path).ifPresent(b::service));
        }
        JsonNode consentMode = root.get("googleConsentMode");
        if (consentMode != null) {
            consentModeOptions(consentMode, "$.googleConsentMode").ifPresent(b::googleConsentModeOptions);
        }
        JsonNode texts = root.get("texts");
        if (texts != null && json.object(texts, "$.texts")) {
            for (Map.Entry<String, JsonNode> locale2 : texts.properties()) {
                String path = "$.texts." + locale2.getKey();
                if (!json.object(locale2.getValue(), path)) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> entry : locale2.getValue().properties()) {
                    String keyPath = path + "." + entry.getKey();
                    BannerText key = BannerText.fromKey(entry.getKey()).orElse(null);
                    if (key == null) {
                        json.problems.add(new PolicyProblem(
                                keyPath,
                                "unknown banner text '" + entry.getKey() + "'"
                                        + Suggestions.didYouMean(entry.getKey(), BannerText.keys()) + "; known: "
                                        + BannerText.keys()));
                        continue;
                    }
                    String value = json.string(entry.getValue(), keyPath);
                    if (value != null) {
                        json.attempt(path, () -> b.text(locale2.getKey(), key, value));
                    }
                }
            }
        }
        return b;
    }

    Optional<GoogleConsentModeOptions> consentModeOptions(JsonNode node, String path) {
        if (!json.object(node, path)) {
            return Optional.empty();
        }
        json.fields(node, path, CONSENT_MODE_FIELDS);
        int wait = json.integer(node, "waitForUpdate", path).orElse(0);
        boolean passthrough = json.bool(node, "urlPassthrough", path, false);
        boolean redaction = json.bool(node, "adsDataRedaction", path, false);
        List<GoogleConsentModeOptions.RegionDefaults> regions = new ArrayList<>();
        JsonNode regionNodes = node.get("regions");
        if (regionNodes != null) {
            json.each(
                    regionNodes,
                    path + ".regions",
                    (r, rPath) -> regionDefaults(r, rPath).ifPresent(regions::add));
        }
        return json.attempt(path, () -> new GoogleConsentModeOptions(wait, regions, passthrough, redaction));
    }

    /** One entry as gtag takes it: {@code {"region": ["US-CA"], "ad_storage": "granted", …}}. */
    private Optional<GoogleConsentModeOptions.RegionDefaults> regionDefaults(JsonNode node, String path) {
        if (!json.object(node, path)) {
            return Optional.empty();
        }
        Map<GoogleConsentType, Boolean> granted = new EnumMap<>(GoogleConsentType.class);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = entry.getKey();
            if (field.equals("region")) {
                continue;
            }
            String fieldPath = path + "." + field;
            Optional<GoogleConsentType> type = GoogleConsentType.fromGtagName(field);
            if (type.isEmpty()) {
                List<String> known = new ArrayList<>(GoogleConsentType.gtagNames());
                known.add(0, "region");
                json.problems.add(new PolicyProblem(
                        fieldPath,
                        "unknown field '" + field + "'" + Suggestions.didYouMean(field, known) + "; known fields: "
                                + known));
                continue;
            }
            String value = json.string(entry.getValue(), fieldPath);
            if ("granted".equals(value) || "denied".equals(value)) {
                granted.put(type.get(), value.equals("granted"));
            } else if (value != null) {
                json.problems.add(
                        new PolicyProblem(fieldPath, "expected \"granted\" or \"denied\", found '" + value + "'"));
            }
        }
        if (node.get("region") == null) {
            json.problems.add(new PolicyProblem(path + ".region", "missing: name the regions, such as [\"US-CA\"]"));
            return Optional.empty();
        }
        List<String> codes = json.strings(node, "region", path);
        return json.attempt(path, () -> new GoogleConsentModeOptions.RegionDefaults(codes, granted));
    }

    Optional<Category> category(JsonNode node, String path) {
        if (!json.object(node, path)) {
            return Optional.empty();
        }
        json.fields(node, path, CATEGORY_FIELDS);
        String id = json.text(node, "id", path);
        boolean required = json.bool(node, "required", path, false);
        LocalizedText label = json.localized(node, "label", path);
        LocalizedText description = json.localized(node, "description", path);
        Boolean saleOrShare = node.has("saleOrShare") ? json.bool(node, "saleOrShare", path, false) : null;
        Set<GoogleConsentType> types = EnumSet.noneOf(GoogleConsentType.class);
        JsonNode gcm = node.get("googleConsentMode");
        if (gcm != null) {
            json.each(gcm, path + ".googleConsentMode", (t, tPath) -> {
                String name = json.string(t, tPath);
                if (name != null) {
                    GoogleConsentType.fromGtagName(name)
                            .ifPresentOrElse(
                                    types::add,
                                    () -> json.problems.add(new PolicyProblem(
                                            tPath,
                                            "unknown Google Consent Mode type '" + name + "'"
                                                    + Suggestions.didYouMean(name, GoogleConsentType.gtagNames())
                                                    + "; known: " + GoogleConsentType.gtagNames())));
                }
            });
        }
        return json.attempt(
                path,
                () -> new Category(
                        id,
                        required,
                        label,
                        description,
                        saleOrShare != null ? saleOrShare : "marketing".equals(id),
                        types));
    }

    Optional<Service> service(JsonNode node, String path) {
        if (!json.object(node, path)) {
            return Optional.empty();
        }
        json.fields(node, path, SERVICE_FIELDS);
        String id = json.text(node, "id", path);
        String category = json.text(node, "category", path);
        JsonFieldReader.SameOrPerLanguage name = json.sameOrPerLanguage(node, "name", path, false);
        JsonFieldReader.SameOrPerLanguage provider = json.sameOrPerLanguage(node, "provider", path, true);
        LocalizedText purpose = json.localized(node, "purpose", path);
        String url = json.optionalText(node, "privacyPolicyUrl", path);
        URI uri = null;
        if (url != null) {
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                json.problems.add(
                        new PolicyProblem(path + ".privacyPolicyUrl", "'" + url + "' is not a URL: " + e.getReason()));
            }
        }
        List<String> hosts = json.strings(node, "hosts", path);
        String apiName = json.optionalText(node, "consentApi", path);
        ConsentApi api =
                apiName == null ? null : ConsentApi.fromJsonName(apiName).orElse(null);
        if (apiName != null && api == null) {
            json.problems.add(new PolicyProblem(
                    path + ".consentApi",
                    "unknown consent API '" + apiName + "'" + Suggestions.didYouMean(apiName, ConsentApi.jsonNames())
                            + "; known: " + ConsentApi.jsonNames()));
        }
        List<CookieDeclaration> cookies = new ArrayList<>();
        JsonNode cookieNodes = node.get("cookies");
        if (cookieNodes != null) {
            json.each(
                    cookieNodes,
                    path + ".cookies",
                    (c, cPath) -> cookie(c, cPath).ifPresent(cookies::add));
        }
        URI finalUri = uri;
        return json.attempt(
                path,
                () -> new Service(
                        id,
                        category,
                        name.plain(),
                        provider.plain(),
                        purpose,
                        finalUri,
                        hosts,
                        cookies,
                        name.perLanguage(),
                        provider.perLanguage(),
                        api));
    }

    Optional<CookieDeclaration> cookie(JsonNode node, String path) {
        if (!json.object(node, path)) {
            return Optional.empty();
        }
        json.fields(node, path, COOKIE_FIELDS);
        String name = json.text(node, "name", path);
        String lifetimeText = json.text(node, "lifetime", path);
        CookieLifetime lifetime = lifetimeText == null
                ? null
                : json.attempt(path + ".lifetime", () -> CookieLifetime.of(lifetimeText))
                        .orElse(null);
        boolean thirdParty = json.bool(node, "thirdParty", path, false);
        LocalizedText description = json.localized(node, "description", path);
        List<String> domains = json.strings(node, "domains", path);
        List<String> paths = json.strings(node, "paths", path);
        if (name == null || lifetime == null) {
            return Optional.empty();
        }
        return json.attempt(path, () -> new CookieDeclaration(name, lifetime, thirdParty, description, domains, paths));
    }
}
