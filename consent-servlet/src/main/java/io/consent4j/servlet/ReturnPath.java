/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;

/**
 * Where a no-script form post may send the visitor back to: a path on this site only, so that the
 * endpoint is no open redirect. Accepted are paths that start with one {@code /}, not {@code //}, with
 * no backslash, no scheme and no control or space characters; anything else becomes {@code /}.
 */
final class ReturnPath {

    private ReturnPath() {}

    /** {@code candidate} when it is a safe same-origin path, else {@code /}. */
    static String sanitize(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 2048) {
            return "/";
        }
        if (candidate.charAt(0) != '/' || candidate.startsWith("//")) {
            return "/";
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c == '\\' || c <= ' ' || c >= 0x7f) {
                return "/";
            }
        }
        // A colon before the first slash-free segment cannot occur (the path starts with '/'), but an
        // encoded slash or backslash could turn into '//' or '\\' in a lenient browser.
        String lower = candidate.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("/%2f") || lower.startsWith("/%5c") || lower.contains("%0d") || lower.contains("%0a")) {
            return "/";
        }
        return candidate;
    }

    /** The page the choice was made on: the form's return path, else the same-origin Referer's path. */
    static String pagePath(HttpServletRequest request, String returnPath) {
        if (returnPath != null) {
            String safe = sanitize(returnPath);
            int query = safe.indexOf('?');
            return query < 0 ? safe : safe.substring(0, query);
        }
        String referer = request.getHeader("Referer");
        if (referer == null || !SameOrigin.isOwn(request, referer.strip())) {
            // Another site's page is no collection point of this one.
            return null;
        }
        try {
            URI uri = URI.create(referer.strip());
            return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? null : uri.getRawPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
