/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An auditor request as the access log shows it, without anything that could identify a visitor (C23):
 * the id segment of {@code consents/{consentId}}, {@code accounts/{accountRef}} and
 * {@code policies/{hash}} becomes that placeholder, whether the id is valid or not; an unknown path
 * shows only that it was unknown; of the query only {@code from} and {@code to} keep values that look
 * like a date or instant, and {@code format} its {@code ndjson} or {@code csv}; other values become
 * {@code {value}} and parameters of other names are only counted. The log then says what kind of
 * lookup an auditor made and how it ended, never whose records they looked up, so an id typed by
 * mistake (a raw account id, an e-mail address) never reaches the site's log.
 */
final class AuditLogLine {

    /** The first path segments the endpoint answers. */
    private static final Set<String> ENDPOINTS = Set.of(
            "consents", "accounts", "policies", "jwk", "export", "verify", "stats", "bundle", "cookies", "dashboard");

    /** A date or instant as {@code from} and {@code to} take it; nothing here can name a person. */
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T\\d:.+\\-Z]|%3A|%2B){0,30}");

    private AuditLogLine() {}

    /** The method, path and query of {@code request}, with identifiers replaced. */
    static String of(HttpServletRequest request) {
        StringBuilder line = new StringBuilder(96)
                .append(QuotedInput.abbreviate(String.valueOf(request.getMethod())))
                .append(' ')
                .append(request.getContextPath())
                .append(request.getServletPath());
        path(line, request.getPathInfo());
        query(line, request.getQueryString());
        return line.toString();
    }

    private static void path(StringBuilder line, String pathInfo) {
        if (pathInfo == null || pathInfo.isEmpty()) {
            return;
        }
        String[] parts = pathInfo.substring(1).split("/", -1);
        String head = parts[0];
        line.append('/').append(head.isEmpty() || ENDPOINTS.contains(head) ? head : "{unknown}");
        if (parts.length > 1) {
            line.append('/')
                    .append(
                            switch (head) {
                                case "consents" -> "{consentId}";
                                case "accounts" -> "{accountRef}";
                                case "policies" -> "{hash}";
                                default -> "{segment}";
                            });
        }
        if (parts.length > 2) {
            line.append("/{more}");
        }
    }

    private static void query(StringBuilder line, String query) {
        if (query == null || query.isEmpty()) {
            return;
        }
        // The raw query, split here rather than by the container, which may refuse a malformed one.
        char separator = '?';
        int others = 0;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            String shown = switch (name) {
                case "from", "to" -> TIME.matcher(value).matches() ? value : "{value}";
                case "format" -> value.equals("ndjson") || value.equals("csv") ? value : "{value}";
                default -> null;
            };
            if (shown == null) {
                others++;
                continue;
            }
            line.append(separator).append(name).append('=').append(shown);
            separator = '&';
        }
        if (others > 0) {
            line.append(separator == '?' ? " (" : " (and ")
                    .append(others)
                    .append(others == 1 ? " other parameter)" : " other parameters)");
        }
    }
}
