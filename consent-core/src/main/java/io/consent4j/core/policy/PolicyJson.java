/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import io.consent4j.core.internal.CanonicalJson;
import io.consent4j.core.internal.IdTags;
import io.consent4j.core.internal.Suggestions;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes consent policies as JSON.
 *
 * <p>The format, with every field (only {@code categories}, {@code links} and one required category
 * are needed; the rest has defaults):
 *
 * <pre>{@code
 * {
 *   "version": 3,
 *   "defaultLocale": "de",
 *   "consentLifetimeMonths": 6,
 *   "reaskAfterMonths": 6,
 *   "links": { "privacyPolicy": "/datenschutz", "imprint": "/impressum" },
 *   "categories": [
 *     { "id": "necessary", "required": true,
 *       "description": { "de": "Für Anmeldung und Sicherheit erforderlich." } },
 *     { "id": "analytics", "googleConsentMode": ["analytics_storage"] },
 *     { "id": "marketing", "saleOrShare": true }
 *   ],
 *   "services": [
 *     { "id": "matomo", "category": "analytics", "name": "Matomo", "provider": "Lernplattform GmbH",
 *       "purpose": { "de": "Reichweitenmessung mit gekürzter IP-Adresse" },
 *       "privacyPolicyUrl": "https://example.org/datenschutz#matomo",
 *       "hosts": ["stats.example.org"],
 *       "cookies": [ { "name": "_pk_id.*", "lifetime": "P13M", "thirdParty": false,
 *                      "description": { "de": "Wiedererkennung" } } ] }
 *   ],
 *   "texts": { "de": { "title": "Ihre Privatsphäre" } }
 * }
 * }</pre>
 *
 * <p>Localized fields ({@code label}, {@code description}, {@code purpose}) take an object keyed by
 * language tag, or a plain string meaning the default language. Unknown fields are errors, with a
 * "did you mean" where one is close. Every problem is reported at once, each with its JSON path.
 *
 * <p>The {@linkplain #canonical canonical form} is the policy with every default filled in and every
 * banner text resolved, written as RFC 8785 canonical JSON; its SHA-256 is the policy's content hash.
 */
public final class PolicyJson {

    /** The largest policy accepted, in bytes. */
    public static final int MAX_BYTES = 1 << 20;

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxStringLength(64 * 1024)
                            .maxDocumentLength(MAX_BYTES)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> ROOT_FIELDS = Set.of(
            "$schema",
            "version",
            "defaultLocale",
            "consentLifetimeMonths",
            "reaskAfterMonths",
            "links",
            "categories",
            "services",
            "texts");
    private static final Set<String> LINK_FIELDS = Set.of("privacyPolicy", "imprint");
    private static final Set<String> CATEGORY_FIELDS =
            Set.of("id", "required", "label", "description", "saleOrShare", "googleConsentMode");
    private static final Set<String> SERVICE_FIELDS =
            Set.of("id", "category", "name", "provider", "purpose", "privacyPolicyUrl", "hosts", "cookies");
    private static final Set<String> COOKIE_FIELDS =
            Set.of("name", "lifetime", "thirdParty", "description", "domains", "paths");

    private PolicyJson() {}

    /** Reads a policy from JSON text. */
    public static ConsentPolicy read(String json) {
        if (json == null) {
            throw PolicyValidationException.of("$", "policy JSON must not be null");
        }
        if (json.length() > MAX_BYTES) {
            throw PolicyValidationException.of("$", "policy JSON is larger than " + MAX_BYTES + " bytes");
        }
        return parse(() -> MAPPER.readTree(json));
    }

    /** Reads a policy from a JSON stream; the stream is not closed. */
    public static ConsentPolicy read(InputStream json) {
        return parse(() -> MAPPER.readTree(json));
    }

    private static ConsentPolicy parse(java.util.function.Supplier<JsonNode> reader) {
        JsonNode root;
        try {
            root = reader.get();
        } catch (JacksonException e) {
            throw syntaxError(e);
        }
        return read(root);
    }

    private static PolicyValidationException syntaxError(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return PolicyValidationException.of("$", "not valid JSON" + where + ": " + e.getOriginalMessage());
    }

    /** Reads a policy from a parsed JSON tree. */
    public static ConsentPolicy read(JsonNode root) {
        Reader reader = new Reader();
        ConsentPolicy.Builder builder = reader.root(root);
        if (!reader.problems.isEmpty()) {
            throw new PolicyValidationException(reader.problems);
        }
        try {
            return builder.build();
        } catch (PolicyValidationException e) {
            throw e.under("$");
        }
    }

    /** The canonical JSON tree of {@code policy}: defaults filled in and banner texts resolved. */
    public static ObjectNode tree(ConsentPolicy policy) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("version", policy.version());
        root.put("defaultLocale", policy.defaultLocale());
        root.put("consentLifetimeMonths", policy.consentLifetimeMonths());
        root.put("reaskAfterMonths", policy.reaskAfterMonths());
        if (policy.links() != null) {
            ObjectNode links = root.putObject("links");
            links.put("privacyPolicy", policy.links().privacyPolicy());
            links.put("imprint", policy.links().imprint());
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
            node.put("name", s.name());
            node.put("provider", s.provider());
            node.set("purpose", localized(s.purpose()));
            if (s.privacyPolicyUrl() != null) {
                node.put("privacyPolicyUrl", s.privacyPolicyUrl().toString());
            }
            ArrayNode hosts = node.putArray("hosts");
            s.hosts().forEach(hosts::add);
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
        ObjectNode texts = root.putObject("texts");
        for (String locale : policy.locales()) {
            ObjectNode perLocale = texts.putObject(locale);
            policy.texts(locale).forEach((key, text) -> perLocale.put(key.key(), text));
        }
        return root;
    }

    private static ObjectNode localized(LocalizedText text) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        text.values().forEach(node::put);
        return node;
    }

    /** The canonical JSON text of {@code policy} (RFC 8785), the text archived with consent records. */
    public static String canonical(ConsentPolicy policy) {
        return CanonicalJson.string(tree(policy));
    }

    /** The SHA-256 of the canonical JSON, as lower-case hex. */
    static String hash(ConsentPolicy policy) {
        byte[] digest = IdTags.sha256(canonical(policy).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /** Walks the JSON tree, collecting every problem with its path instead of stopping at the first. */
    private static final class Reader {
        final List<PolicyProblem> problems = new ArrayList<>();
        String defaultLocale = "en";

        ConsentPolicy.Builder root(JsonNode root) {
            ConsentPolicy.Builder b = ConsentPolicy.builder();
            if (!object(root, "$")) {
                return b;
            }
            fields(root, "$", ROOT_FIELDS);
            JsonNode locale = root.get("defaultLocale");
            if (locale != null && string(locale, "$.defaultLocale") != null) {
                defaultLocale = locale.stringValue();
                b.defaultLocale(locale.stringValue());
            }
            integer(root, "version", "$").ifPresent(b::version);
            integer(root, "consentLifetimeMonths", "$").ifPresent(b::consentLifetimeMonths);
            integer(root, "reaskAfterMonths", "$").ifPresent(b::reaskAfterMonths);
            JsonNode links = root.get("links");
            if (links == null) {
                problems.add(
                        new PolicyProblem("$.links", "missing: give { \"privacyPolicy\": …, \"imprint\": … } (C10)"));
            } else if (object(links, "$.links")) {
                fields(links, "$.links", LINK_FIELDS);
                String privacy = text(links, "privacyPolicy", "$.links");
                String imprint = text(links, "imprint", "$.links");
                attempt("$.links", () -> b.links(PolicyLinks.of(privacy, imprint)));
            }
            JsonNode categories = root.get("categories");
            if (categories == null) {
                problems.add(new PolicyProblem(
                        "$.categories", "missing: a policy needs at least one category, and one of them required"));
            } else {
                each(
                        categories,
                        "$.categories",
                        (node, path) -> category(node, path).ifPresent(b::category));
            }
            JsonNode services = root.get("services");
            if (services != null) {
                each(services, "$.services", (node, path) -> service(node, path).ifPresent(b::service));
            }
            JsonNode texts = root.get("texts");
            if (texts != null && object(texts, "$.texts")) {
                for (Map.Entry<String, JsonNode> locale2 : texts.properties()) {
                    String path = "$.texts." + locale2.getKey();
                    if (!object(locale2.getValue(), path)) {
                        continue;
                    }
                    for (Map.Entry<String, JsonNode> entry : locale2.getValue().properties()) {
                        String keyPath = path + "." + entry.getKey();
                        BannerText key = BannerText.fromKey(entry.getKey()).orElse(null);
                        if (key == null) {
                            problems.add(new PolicyProblem(
                                    keyPath,
                                    "unknown banner text '" + entry.getKey() + "'"
                                            + Suggestions.didYouMean(entry.getKey(), BannerText.keys()) + "; known: "
                                            + BannerText.keys()));
                            continue;
                        }
                        String value = string(entry.getValue(), keyPath);
                        if (value != null) {
                            attempt(path, () -> b.text(locale2.getKey(), key, value));
                        }
                    }
                }
            }
            return b;
        }

        java.util.Optional<Category> category(JsonNode node, String path) {
            if (!object(node, path)) {
                return java.util.Optional.empty();
            }
            fields(node, path, CATEGORY_FIELDS);
            String id = text(node, "id", path);
            boolean required = bool(node, "required", path, false);
            LocalizedText label = localized(node, "label", path);
            LocalizedText description = localized(node, "description", path);
            Boolean saleOrShare = node.has("saleOrShare") ? bool(node, "saleOrShare", path, false) : null;
            Set<GoogleConsentType> types = EnumSet.noneOf(GoogleConsentType.class);
            JsonNode gcm = node.get("googleConsentMode");
            if (gcm != null) {
                each(gcm, path + ".googleConsentMode", (t, tPath) -> {
                    String name = string(t, tPath);
                    if (name != null) {
                        GoogleConsentType.fromGtagName(name)
                                .ifPresentOrElse(
                                        types::add,
                                        () -> problems.add(new PolicyProblem(
                                                tPath,
                                                "unknown Google Consent Mode type '" + name + "'"
                                                        + Suggestions.didYouMean(name, GoogleConsentType.gtagNames())
                                                        + "; known: " + GoogleConsentType.gtagNames())));
                    }
                });
            }
            return attempt(
                    path,
                    () -> new Category(
                            id,
                            required,
                            label,
                            description,
                            saleOrShare != null ? saleOrShare : "marketing".equals(id),
                            types));
        }

        java.util.Optional<Service> service(JsonNode node, String path) {
            if (!object(node, path)) {
                return java.util.Optional.empty();
            }
            fields(node, path, SERVICE_FIELDS);
            String id = text(node, "id", path);
            String category = text(node, "category", path);
            String name = optionalText(node, "name", path);
            String provider = text(node, "provider", path);
            LocalizedText purpose = localized(node, "purpose", path);
            String url = optionalText(node, "privacyPolicyUrl", path);
            URI uri = null;
            if (url != null) {
                try {
                    uri = new URI(url);
                } catch (URISyntaxException e) {
                    problems.add(new PolicyProblem(
                            path + ".privacyPolicyUrl", "'" + url + "' is not a URL: " + e.getReason()));
                }
            }
            List<String> hosts = strings(node, "hosts", path);
            List<CookieDeclaration> cookies = new ArrayList<>();
            JsonNode cookieNodes = node.get("cookies");
            if (cookieNodes != null) {
                each(
                        cookieNodes,
                        path + ".cookies",
                        (c, cPath) -> cookie(c, cPath).ifPresent(cookies::add));
            }
            URI finalUri = uri;
            return attempt(path, () -> new Service(id, category, name, provider, purpose, finalUri, hosts, cookies));
        }

        java.util.Optional<CookieDeclaration> cookie(JsonNode node, String path) {
            if (!object(node, path)) {
                return java.util.Optional.empty();
            }
            fields(node, path, COOKIE_FIELDS);
            String name = text(node, "name", path);
            String lifetimeText = text(node, "lifetime", path);
            CookieLifetime lifetime = lifetimeText == null
                    ? null
                    : attempt(path + ".lifetime", () -> CookieLifetime.of(lifetimeText))
                            .orElse(null);
            boolean thirdParty = bool(node, "thirdParty", path, false);
            LocalizedText description = localized(node, "description", path);
            List<String> domains = strings(node, "domains", path);
            List<String> paths = strings(node, "paths", path);
            if (name == null || lifetime == null) {
                return java.util.Optional.empty();
            }
            return attempt(path, () -> new CookieDeclaration(name, lifetime, thirdParty, description, domains, paths));
        }

        private <T> java.util.Optional<T> attempt(String path, java.util.function.Supplier<T> action) {
            try {
                return java.util.Optional.ofNullable(action.get());
            } catch (PolicyValidationException e) {
                problems.addAll(e.under(path).problems());
                return java.util.Optional.empty();
            }
        }

        private void attempt(String path, Runnable action) {
            attempt(path, () -> {
                action.run();
                return Boolean.TRUE;
            });
        }

        private boolean object(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                problems.add(new PolicyProblem(path, "expected an object, found " + describe(node)));
                return false;
            }
            return true;
        }

        private void fields(JsonNode node, String path, Set<String> known) {
            for (String name : node.propertyNames()) {
                if (!known.contains(name)) {
                    problems.add(new PolicyProblem(
                            path + "." + name,
                            "unknown field '" + name + "'" + Suggestions.didYouMean(name, known) + "; known fields: "
                                    + new java.util.TreeSet<>(known)));
                }
            }
        }

        private void each(JsonNode array, String path, java.util.function.BiConsumer<JsonNode, String> action) {
            if (!array.isArray()) {
                problems.add(new PolicyProblem(path, "expected an array, found " + describe(array)));
                return;
            }
            for (int i = 0; i < array.size(); i++) {
                action.accept(array.get(i), path + "[" + i + "]");
            }
        }

        private String string(JsonNode node, String path) {
            if (!node.isString()) {
                problems.add(new PolicyProblem(path, "expected a string, found " + describe(node)));
                return null;
            }
            return node.stringValue();
        }

        private String text(JsonNode parent, String field, String path) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                problems.add(new PolicyProblem(path + "." + field, "missing"));
                return null;
            }
            return string(node, path + "." + field);
        }

        private String optionalText(JsonNode parent, String field, String path) {
            JsonNode node = parent.get(field);
            return node == null || node.isNull() ? null : string(node, path + "." + field);
        }

        private boolean bool(JsonNode parent, String field, String path, boolean fallback) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isBoolean()) {
                problems.add(new PolicyProblem(path + "." + field, "expected true or false, found " + describe(node)));
                return fallback;
            }
            return node.booleanValue();
        }

        private java.util.OptionalInt integer(JsonNode parent, String field, String path) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return java.util.OptionalInt.empty();
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                problems.add(new PolicyProblem(path + "." + field, "expected a whole number, found " + describe(node)));
                return java.util.OptionalInt.empty();
            }
            return java.util.OptionalInt.of(node.intValue());
        }

        private List<String> strings(JsonNode parent, String field, String path) {
            List<String> values = new ArrayList<>();
            JsonNode node = parent.get(field);
            if (node != null && !node.isNull()) {
                each(node, path + "." + field, (item, itemPath) -> {
                    String value = string(item, itemPath);
                    if (value != null) {
                        values.add(value);
                    }
                });
            }
            return values;
        }

        private LocalizedText localized(JsonNode parent, String field, String path) {
            JsonNode node = parent.get(field);
            String fieldPath = path + "." + field;
            if (node == null || node.isNull()) {
                return LocalizedText.empty();
            }
            if (node.isString()) {
                return attempt(fieldPath, () -> LocalizedText.of(defaultLocale, node.stringValue()))
                        .orElse(LocalizedText.empty());
            }
            if (!object(node, fieldPath)) {
                return LocalizedText.empty();
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String value = string(entry.getValue(), fieldPath + "." + entry.getKey());
                if (value != null) {
                    values.put(entry.getKey(), value);
                }
            }
            return attempt(fieldPath, () -> new LocalizedText(values)).orElse(LocalizedText.empty());
        }

        private static String describe(JsonNode node) {
            if (node == null || node.isMissingNode()) {
                return "nothing";
            }
            String text = node.toString();
            Function<String, String> cut = s -> s.length() > 40 ? s.substring(0, 40) + "…" : s;
            return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + cut.apply(text);
        }
    }
}
