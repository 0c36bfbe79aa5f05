/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentChoice;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.policy.ConsentPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A visitor's choice as posted to the {@link ConsentEndpoint}, read and checked: the body as JSON or as the
 * no-script form, its action, categories, services and layer, each known to the policy. Anything else is a
 * {@link Problem} with a clear 4xx (malformed body 400, unknown category or service 400, too large 413,
 * wrong content type 415), never a choice.
 *
 * @param choice what the visitor chose
 * @param point where they chose it
 * @param returnPath the form's {@code return} field as sent, or null (JSON has none)
 * @param form whether it came as the no-script form, which is answered with a redirect
 */
record PostedChoice(ConsentChoice choice, CollectionPoint point, String returnPath, boolean form) {

    PostedChoice {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(point, "point");
    }

    /**
     * Reads the choice in the body of {@code request}, at most {@code maxBodyBytes} long, and checks it
     * against {@code policy}.
     *
     * @throws Problem when the body is not a well-formed choice of this policy
     */
    static PostedChoice read(HttpServletRequest request, ConsentPolicy policy, int maxBodyBytes) throws IOException {
        String type = mediaType(request.getContentType());
        boolean form;
        if (type.equals("application/json")) {
            form = false;
        } else if (type.equals("application/x-www-form-urlencoded")) {
            form = true;
        } else {
            throw new Problem(
                    415,
                    "unsupported-media-type",
                    "Unsupported media type",
                    "post a choice as application/json or application/x-www-form-urlencoded, not '"
                            + (type.isEmpty() ? "(none)" : QuotedInput.abbreviate(type)) + "'");
        }
        byte[] body = readBody(request, maxBodyBytes);
        PostedChoice parsed = form ? parseForm(body) : parseJson(body);
        checkKnown(policy, parsed.choice());
        return parsed;
    }

    private static PostedChoice parseJson(byte[] body) {
        JsonNode root;
        try {
            root = Problem.JSON.readTree(body);
        } catch (JacksonException e) {
            throw Problem.badRequest("malformed-body", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw Problem.badRequest("malformed-body", "the body must be a JSON object with an 'action'");
        }
        JsonNode action = root.get("action");
        if (action == null || !action.isString()) {
            throw Problem.badRequest(
                    "malformed-body",
                    "'action' is missing; use accept_all, reject_all, custom, grant_service or withdraw");
        }
        Set<String> categories = strings(root, "categories");
        Set<String> services = strings(root, "services");
        String kind = action.stringValue();
        ConsentChoice choice = choice(kind, categories, services);
        JsonNode layer = root.get("layer");
        CollectionPoint point;
        if (layer == null || layer.isNull()) {
            point = choice.kind() == ConsentChoice.Kind.GRANT_SERVICE
                    ? CollectionPoint.EMBED_PLACEHOLDER
                    : CollectionPoint.FIRST_LAYER;
        } else {
            String name = layer.isString() ? layer.stringValue() : String.valueOf(layer);
            point = switch (name) {
                case "first_layer" -> CollectionPoint.FIRST_LAYER;
                case "settings" -> CollectionPoint.SETTINGS;
                case "embed_placeholder" -> CollectionPoint.EMBED_PLACEHOLDER;
                // The site's own code, through the banner script's API (consent4j.accept(...) and others).
                case "api" -> CollectionPoint.API;
                default ->
                    throw Problem.badRequest(
                            "malformed-body",
                            "unknown layer '" + QuotedInput.abbreviate(name)
                                    + "'; use first_layer, settings, embed_placeholder or api");
            };
        }
        return new PostedChoice(choice, point, null, false);
    }

    private static Set<String> strings(JsonNode root, String field) {
        JsonNode node = root.get(field);
        Set<String> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw Problem.badRequest("malformed-body", "'" + field + "' must be an array of ids");
        }
        for (JsonNode value : node.values()) {
            if (!value.isString()) {
                throw Problem.badRequest("malformed-body", "'" + field + "' must hold only strings");
            }
            values.add(value.stringValue());
        }
        return values;
    }

    private static ConsentChoice choice(String action, Set<String> categories, Set<String> services) {
        return switch (action) {
            case "accept_all" -> ConsentChoice.acceptAll();
            case "reject_all" -> ConsentChoice.rejectAll();
            case "custom", "save" -> ConsentChoice.custom(categories, services);
            case "withdraw" -> ConsentChoice.withdraw();
            case "grant_service" -> {
                if (services.size() != 1) {
                    throw Problem.badRequest(
                            "malformed-body", "grant_service needs exactly one service, got " + services.size());
                }
                yield ConsentChoice.grantService(services.iterator().next());
            }
            default ->
                throw Problem.badRequest(
                        "malformed-body",
                        "unknown action '" + QuotedInput.abbreviate(action)
                                + "'; use accept_all, reject_all, custom, grant_service or withdraw");
        };
    }

    private static PostedChoice parseForm(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String action = null;
        String returnPath = null;
        Set<String> categories = new LinkedHashSet<>();
        Set<String> services = new LinkedHashSet<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest("malformed-body", "the form is not URL-encoded: " + e.getMessage());
            }
            switch (name) {
                case "action" -> action = value;
                case "return" -> returnPath = value;
                case "category" -> categories.add(value);
                case "service" -> services.add(value);
                default -> {
                    // Other fields (such as a site's own CSRF token) are not ours.
                }
            }
        }
        if (action == null) {
            throw Problem.badRequest(
                    "malformed-body", "the form has no 'action'; use accept_all, reject_all, save or withdraw");
        }
        return new PostedChoice(choice(action, categories, services), CollectionPoint.NO_SCRIPT_FORM, returnPath, true);
    }

    private static void checkKnown(ConsentPolicy policy, ConsentChoice choice) {
        for (String id : choice.categories()) {
            if (policy.category(id).isEmpty()) {
                throw Problem.badRequest("unknown-category", "unknown category '" + QuotedInput.abbreviate(id) + "'");
            }
        }
        for (String id : choice.services()) {
            if (policy.service(id).isEmpty()) {
                throw Problem.badRequest("unknown-service", "unknown service '" + QuotedInput.abbreviate(id) + "'");
            }
        }
    }

    private static byte[] readBody(HttpServletRequest request, int limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buffer = new byte[2048];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > limit) {
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static Problem tooLarge(int limit) {
        return new Problem(413, "body-too-large", "Content too large", "a choice is at most " + limit + " bytes long");
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }
}
