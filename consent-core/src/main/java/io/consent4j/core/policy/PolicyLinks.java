/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The links the banner always shows, even while it is open (C10): the site's privacy policy and its
 * imprint. Either a path on the site ({@code /datenschutz}) or an absolute http(s) URL.
 *
 * <p>A site with a page per language gives the links per language as well
 * ({@link #withPrivacyPolicy(String, String)}); the banner then links to the page in its own language,
 * and to {@link #privacyPolicy()} and {@link #imprint()} in every other language.
 *
 * @param privacyPolicy the privacy policy page, for the default language and every language without its own
 * @param imprint the imprint (Impressum) page, for the default language and every language without its own
 * @param localizedPrivacyPolicy the privacy policy page per language; empty when there is one for all
 * @param localizedImprint the imprint page per language; empty when there is one for all
 */
public record PolicyLinks(
        String privacyPolicy, String imprint, LocalizedText localizedPrivacyPolicy, LocalizedText localizedImprint) {

    /** Validates every link. */
    public PolicyLinks {
        privacyPolicy = check("privacyPolicy", privacyPolicy);
        imprint = check("imprint", imprint);
        localizedPrivacyPolicy = checkEach("privacyPolicy", localizedPrivacyPolicy);
        localizedImprint = checkEach("imprint", localizedImprint);
    }

    /** The same privacy policy and imprint in every language. */
    public static PolicyLinks of(String privacyPolicy, String imprint) {
        return new PolicyLinks(privacyPolicy, imprint, LocalizedText.empty(), LocalizedText.empty());
    }

    /** These links with {@code link} as the privacy policy for visitors reading {@code locale}. */
    public PolicyLinks withPrivacyPolicy(String locale, String link) {
        return new PolicyLinks(
                privacyPolicy,
                imprint,
                LocalizedText.of(locale, link).orElse(localizedPrivacyPolicy),
                localizedImprint);
    }

    /** These links with {@code link} as the imprint for visitors reading {@code locale}. */
    public PolicyLinks withImprint(String locale, String link) {
        return new PolicyLinks(
                privacyPolicy,
                imprint,
                localizedPrivacyPolicy,
                LocalizedText.of(locale, link).orElse(localizedImprint));
    }

    /** The privacy policy for a visitor reading {@code locale}. */
    public String privacyPolicy(String locale) {
        return localizedPrivacyPolicy.resolve(locale, null).orElse(privacyPolicy);
    }

    /** The imprint for a visitor reading {@code locale}. */
    public String imprint(String locale) {
        return localizedImprint.resolve(locale, null).orElse(imprint);
    }

    /** Whether either link is given per language. */
    boolean isLocalized() {
        return !localizedPrivacyPolicy.isEmpty() || !localizedImprint.isEmpty();
    }

    /** Adds a problem for a link given both plainly and for the default language, differently. */
    void checkDefaultLanguage(String defaultLocale, List<PolicyProblem> problems) {
        PolicyIndex.sameInDefaultLanguage(
                privacyPolicy, localizedPrivacyPolicy, "links.privacyPolicy", defaultLocale, problems);
        PolicyIndex.sameInDefaultLanguage(imprint, localizedImprint, "links.imprint", defaultLocale, problems);
    }

    private static LocalizedText checkEach(String field, LocalizedText links) {
        if (links == null || links.isEmpty()) {
            return LocalizedText.empty();
        }
        Map<String, String> checked = new TreeMap<>();
        links.values().forEach((tag, link) -> checked.put(tag, check(field + "." + tag, link)));
        return new LocalizedText(checked);
    }

    /** Checks one link of a policy whose other link is missing, so that the reader reports both at once. */
    static void checkAlone(String field, String link, LocalizedText perLanguage) {
        if (link != null) {
            check(field, link);
        }
        checkEach(field, perLanguage);
    }

    private static String check(String field, String link) {
        if (link == null || link.isBlank()) {
            throw PolicyValidationException.of(field, "a link is required (C10): the banner must always show it");
        }
        String value = link.strip();
        boolean relative = value.startsWith("/") && !value.startsWith("//");
        boolean absolute = value.startsWith("https://") || value.startsWith("http://");
        if (!(relative || absolute) || value.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>')) {
            throw PolicyValidationException.of(
                    field, "'" + link + "' is not a link; use a site path like '/datenschutz' or an http(s) URL");
        }
        return value;
    }
}
