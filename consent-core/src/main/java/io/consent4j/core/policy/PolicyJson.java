/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import io.consent4j.core.internal.CanonicalJson;
import io.consent4j.core.internal.IdTags;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
 * language tag, or a plain string meaning the default language. A service's {@code name} and
 * {@code provider} and the two {@code links} take a plain string meaning the same in every language, or
 * an object keyed by language tag that includes the default language, whose entry every language not
 * listed gets. A text missing in one of the languages the policy uses is a
 * {@linkplain ConsentPolicy#warnings() warning}: {@link #read(String)} logs it, {@link #readStrict(String)}
 * fails on it. Unknown fields are errors, with a
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

    private static final Logger LOG = LoggerFactory.getLogger(PolicyJson.class);

    private PolicyJson() {}

    /**
     * Reads a policy from JSON text, logging its {@linkplain ConsentPolicy#warnings() warnings} (texts
     * missing in one of its languages) at WARN.
     */
    public static ConsentPolicy read(String json) {
        return logged(parse(json));
    }

    /** Reads a policy from a JSON stream, logging its warnings; the stream is not closed. */
    public static ConsentPolicy read(InputStream json) {
        return logged(parse(() -> MAPPER.readTree(json)));
    }

    /** Reads a policy from a parsed JSON tree, logging its warnings. */
    public static ConsentPolicy read(JsonNode root) {
        return logged(build(root));
    }

    /**
     * Reads a policy from JSON text and fails on its {@linkplain ConsentPolicy#warnings() warnings} as on
     * errors: for a build or a start that must not go live with a text missing in one of the policy's
     * languages.
     *
     * @throws PolicyValidationException for every error, or else for every warning, each with its path
     */
    public static ConsentPolicy readStrict(String json) {
        return strict(parse(json));
    }

    /** Reads a policy from a JSON stream (not closed) and fails on its warnings; see {@link #readStrict(String)}. */
    public static ConsentPolicy readStrict(InputStream json) {
        return strict(parse(() -> MAPPER.readTree(json)));
    }

    /**
     * A JSON file that ships in the consent-core jar beside this package's classes ({@code resource} is
     * relative to it), such as the built-in texts; failing when it is missing.
     */
    static JsonNode bundled(String resource) {
        try (InputStream in = PolicyJson.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the consent-core jar");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConsentPolicy parse(String json) {
        if (json == null) {
            throw PolicyValidationException.of("$", "policy JSON must not be null");
        }
        if (json.length() > MAX_BYTES) {
            throw PolicyValidationException.of("$", "policy JSON is larger than " + MAX_BYTES + " bytes");
        }
        return parse(() -> MAPPER.readTree(json));
    }

    private static ConsentPolicy parse(java.util.function.Supplier<JsonNode> reader) {
        JsonNode root;
        try {
            root = reader.get();
        } catch (JacksonException e) {
            throw syntaxError(e);
        }
        return build(root);
    }

    private static PolicyValidationException syntaxError(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return PolicyValidationException.of("$", "not valid JSON" + where + ": " + e.getOriginalMessage());
    }

    private static ConsentPolicy build(JsonNode root) {
        PolicyJsonReader reader = new PolicyJsonReader();
        ConsentPolicy.Builder builder = reader.root(root);
        if (!reader.problems().isEmpty()) {
            throw new PolicyValidationException(reader.problems());
        }
        try {
            return builder.build();
        } catch (PolicyValidationException e) {
            throw e.under("$");
        }
    }

    private static ConsentPolicy logged(ConsentPolicy policy) {
        if (!policy.warnings().isEmpty() && LOG.isWarnEnabled()) {
            LOG.warn(
                    "Consent policy version {} has {} text(s) missing in one of its languages {}; visitors reading"
                            + " that language see another one (C11):\n{}",
                    policy.version(),
                    policy.warnings().size(),
                    PolicyWarnings.languages(policy),
                    policy.warnings().stream().map(w -> "  - " + w.under("$")).collect(Collectors.joining("\n")));
        }
        return policy;
    }

    private static ConsentPolicy strict(ConsentPolicy policy) {
        if (!policy.warnings().isEmpty()) {
            throw new PolicyValidationException(policy.warnings()).under("$");
        }
        return policy;
    }

    /** The canonical JSON tree of {@code policy}: defaults filled in and banner texts resolved. */
    public static ObjectNode tree(ConsentPolicy policy) {
        return PolicyJsonWriter.tree(policy);
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
}
