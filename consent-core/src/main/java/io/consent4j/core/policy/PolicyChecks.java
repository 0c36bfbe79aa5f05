/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import static io.consent4j.core.policy.ConsentPolicy.MAX_LIFETIME_MONTHS;
import static io.consent4j.core.policy.ConsentPolicy.MIN_LIFETIME_MONTHS;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds the checks a {@link ConsentPolicy} runs on its own settings when it is built: the default
 * language, the version, the links, the lifetimes, the Consent Mode options and the consent APIs. Each adds
 * what is wrong to the list of problems, so that the policy fails once with every problem found.
 */
final class PolicyChecks {

    private PolicyChecks() {}

    /** The default language in normal form; {@code en} and a problem when it is not a language tag. */
    static String normalizeDefaultLocale(String locale, List<PolicyProblem> problems) {
        try {
            return LocalizedText.normalizeLocale(locale);
        } catch (PolicyValidationException e) {
            problems.addAll(e.under("defaultLocale").problems());
            return "en";
        }
    }

    /** The version, the links and the two lifetimes. */
    static void checkSettings(
            int version,
            PolicyLinks links,
            int consentLifetimeMonths,
            int reaskAfterMonths,
            List<PolicyProblem> problems) {
        if (version < 1) {
            problems.add(new PolicyProblem("version", "must be at least 1, was " + version));
        }
        if (links == null) {
            problems.add(new PolicyProblem("links", "privacy policy and imprint links are required (C10)"));
        }
        if (consentLifetimeMonths < MIN_LIFETIME_MONTHS || consentLifetimeMonths > MAX_LIFETIME_MONTHS) {
            problems.add(new PolicyProblem(
                    "consentLifetimeMonths",
                    "must be between " + MIN_LIFETIME_MONTHS + " and " + MAX_LIFETIME_MONTHS + " months, was "
                            + consentLifetimeMonths));
        }
        if (reaskAfterMonths < MIN_LIFETIME_MONTHS
                || reaskAfterMonths > Math.max(MIN_LIFETIME_MONTHS, consentLifetimeMonths)) {
            problems.add(new PolicyProblem(
                    "reaskAfterMonths",
                    "must be between 1 month and the consent lifetime (" + consentLifetimeMonths + " months), was "
                            + reaskAfterMonths));
        }
    }

    /**
     * The Consent Mode options: only with a category that maps a Consent Mode type ({@code enabled}), and
     * region defaults only for types a category maps.
     */
    static void checkConsentModeOptions(
            GoogleConsentModeOptions options,
            boolean enabled,
            List<Category> categories,
            List<PolicyProblem> problems) {
        if (options.isNone()) {
            return;
        }
        if (!enabled) {
            problems.add(new PolicyProblem(
                    "googleConsentMode",
                    "Consent Mode options given, but no category maps a Google Consent Mode type; add"
                            + " \"googleConsentMode\": [...] to the categories or remove the options"));
            return;
        }
        options.problems().forEach(p -> problems.add(p.under("googleConsentMode")));
        Set<GoogleConsentType> mapped = EnumSet.noneOf(GoogleConsentType.class);
        categories.forEach(c -> mapped.addAll(c.googleConsentMode()));
        List<GoogleConsentModeOptions.RegionDefaults> regions = options.regions();
        for (int i = 0; i < regions.size(); i++) {
            for (GoogleConsentType type : regions.get(i).granted().keySet()) {
                if (!mapped.contains(type)) {
                    problems.add(new PolicyProblem(
                            "googleConsentMode.regions[" + i + "]." + type.gtagName(),
                            "no category maps '" + type.gtagName() + "'; mapped: "
                                    + mapped.stream()
                                            .map(GoogleConsentType::gtagName)
                                            .toList()));
                }
            }
        }
    }

    /** One service per consent API, so that the banner passes on one service's consent, not a mix. */
    static void checkConsentApis(List<Service> services, List<PolicyProblem> problems) {
        Map<ConsentApi, String> seen = new EnumMap<>(ConsentApi.class);
        for (int i = 0; i < services.size(); i++) {
            Service service = services.get(i);
            if (service.consentApi() == null) {
                continue;
            }
            String first = seen.putIfAbsent(service.consentApi(), service.id());
            if (first != null) {
                problems.add(new PolicyProblem(
                        "services[" + i + "].consentApi",
                        "consent API '" + service.consentApi().jsonName() + "' is already service '" + first
                                + "''s; give it to one service only"));
            }
        }
    }
}
