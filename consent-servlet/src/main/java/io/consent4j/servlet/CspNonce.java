/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The {@code nonce} attribute of the script elements consent4j writes into a site's pages, for sites whose
 * Content-Security-Policy allows scripts by nonce ({@code script-src 'nonce-…'}): the site's own filter
 * makes a fresh nonce per response and puts it in a request attribute; {@value ConsentSettings#CSP_NONCE_ATTRIBUTE}
 * names that attribute.
 */
final class CspNonce {

    private CspNonce() {}

    /**
     * Checks {@value ConsentSettings#CSP_NONCE_ATTRIBUTE}: null or blank turns nonces off.
     *
     * @throws IllegalArgumentException naming the property when the name has white space inside
     */
    static String checkAttributeName(String name) {
        String stripped = SettingChecks.blankToNull(name);
        if (stripped != null
                && stripped.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw SettingChecks.bad(ConsentSettings.CSP_NONCE_ATTRIBUTE, name, "must not contain white space");
        }
        return stripped;
    }

    /**
     * {@code  nonce="…"} (with its leading space, HTML-escaped) for the nonce in {@code request}'s attribute
     * {@code attributeName}, or the empty string when no attribute is named, or the request has none or a
     * blank one: the scripts are then written as before, and a nonce-based policy blocks them, which the
     * browser reports, rather than consent4j inventing a nonce the policy does not know.
     */
    static String attribute(HttpServletRequest request, String attributeName) {
        if (attributeName == null) {
            return "";
        }
        Object value = request.getAttribute(attributeName);
        String nonce = value == null ? "" : value.toString().strip();
        return nonce.isEmpty() ? "" : " nonce=\"" + NoScriptBanner.escape(nonce) + "\"";
    }
}
