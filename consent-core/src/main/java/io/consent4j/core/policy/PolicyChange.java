/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed between two versions of a policy, and whether the change is <em>material</em> and so
 * must ask visitors again (C17), or only <em>editorial</em>.
 *
 * <p>Material: a category, service or cookie added; a purpose (a category's description or a service's
 * purpose) changed in any language; an optional category made required; a service moved to another
 * category or given another provider; a host added; a cookie made third-party or given a longer
 * lifetime; a Google Consent Mode region default that grants a type it did not grant before (tags in
 * that region then measure before any choice). Everything else is editorial: labels, banner texts,
 * links, removals, shorter lifetimes, the other Consent Mode options ({@code wait_for_update},
 * {@code url_passthrough}, {@code ads_data_redaction}, a default that now denies) and a service's
 * consent API (how the banner passes the choice on, not what it asks for).
 *
 * @param material the material changes, each a sentence naming what changed; empty if none
 * @param editorial the editorial changes; empty if none
 */
public record PolicyChange(List<String> material, List<String> editorial) {

    /** Copies the lists so that the change is immutable. */
    public PolicyChange {
        material = List.copyOf(material);
        editorial = List.copyOf(editorial);
    }

    /** Compares {@code previous} with {@code current}. */
    public static PolicyChange between(ConsentPolicy previous, ConsentPolicy current) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        List<String> material = new ArrayList<>();
        List<String> editorial = new ArrayList<>();

        Map<String, Category> oldCategories = byId(previous.categories(), Category::id);
        for (Category category : current.categories()) {
            Category old = oldCategories.get(category.id());
            String name = "category '" + category.id() + "'";
            if (old == null) {
                material.add(name + " added");
                continue;
            }
            if (!old.description().equals(category.description())) {
                material.add(name + ": purpose (description) changed");
            }
            if (!old.required() && category.required()) {
                material.add(name + " became required");
            } else if (old.required() && !category.required()) {
                editorial.add(name + " became optional");
            }
            if (!old.label().equals(category.label())) {
                editorial.add(name + ": label changed");
            }
            if (old.saleOrShare() != category.saleOrShare()
                    || !old.googleConsentMode().equals(category.googleConsentMode())) {
                editorial.add(name + ": signal or Consent Mode settings changed");
            }
        }
        removed(oldCategories.keySet(), byId(current.categories(), Category::id).keySet(), "category", editorial);

        Map<String, Service> oldServices = byId(previous.services(), Service::id);
        for (Service service : current.services()) {
            Service old = oldServices.get(service.id());
            String name = "service '" + service.id() + "'";
            if (old == null) {
                material.add(name + " added");
                continue;
            }
            if (!old.category().equals(service.category())) {
                material.add(name + " moved from category '" + old.category() + "' to '" + service.category() + "'");
            }
            if (!old.provider().equals(service.provider())) {
                material.add(name + ": provider changed from '" + old.provider() + "' to '" + service.provider() + "'");
            }
            if (!old.purpose().equals(service.purpose())) {
                material.add(name + ": purpose changed");
            }
            for (String host : service.hosts()) {
                if (!old.hosts().contains(host)) {
                    material.add(name + ": host '" + host + "' added");
                }
            }
            if (!old.name().equals(service.name())
                    || !Objects.equals(old.privacyPolicyUrl(), service.privacyPolicyUrl())) {
                editorial.add(name + ": name or privacy-policy link changed");
            }
            // The provider in the default language decides who it is; its other languages only say so.
            if (!old.localizedName().equals(service.localizedName())
                    || !old.localizedProvider().equals(service.localizedProvider())) {
                editorial.add(name + ": name or provider in another language changed");
            }
            if (!service.hosts().containsAll(old.hosts())) {
                editorial.add(name + ": hosts removed");
            }
            if (old.consentApi() != service.consentApi()) {
                editorial.add(name + ": consent API changed");
            }
            compareCookies(name, old, service, material, editorial);
        }
        removed(oldServices.keySet(), byId(current.services(), Service::id).keySet(), "service", editorial);

        if (!previous.links().equals(current.links())) {
            editorial.add("links changed");
        }
        if (previous.consentLifetimeMonths() != current.consentLifetimeMonths()
                || previous.reaskAfterMonths() != current.reaskAfterMonths()) {
            editorial.add("consent lifetime or re-ask interval changed");
        }
        compareConsentMode(
                previous.googleConsentModeOptions(), current.googleConsentModeOptions(), material, editorial);
        if (!previous.textOverrides().equals(current.textOverrides())
                || !previous.defaultLocale().equals(current.defaultLocale())) {
            editorial.add("banner texts or default language changed");
        }
        return new PolicyChange(material, editorial);
    }

    private static void compareConsentMode(
            GoogleConsentModeOptions old,
            GoogleConsentModeOptions current,
            List<String> material,
            List<String> editorial) {
        if (old.equals(current)) {
            return;
        }
        Map<String, java.util.Set<GoogleConsentType>> grantedBefore = grantedByRegion(old);
        grantedByRegion(current).forEach((region, types) -> {
            for (GoogleConsentType type : types) {
                if (!grantedBefore.getOrDefault(region, java.util.Set.of()).contains(type)) {
                    material.add(
                            "Consent Mode: '" + type.gtagName() + "' granted by default in region '" + region + "'");
                }
            }
        });
        editorial.add("Consent Mode options changed");
    }

    private static Map<String, java.util.Set<GoogleConsentType>> grantedByRegion(GoogleConsentModeOptions options) {
        Map<String, java.util.Set<GoogleConsentType>> granted = new java.util.TreeMap<>();
        for (GoogleConsentModeOptions.RegionDefaults r : options.regions()) {
            r.granted().forEach((type, yes) -> {
                if (yes) {
                    r.region()
                            .forEach(code -> granted.computeIfAbsent(
                                            code, c -> java.util.EnumSet.noneOf(GoogleConsentType.class))
                                    .add(type));
                }
            });
        }
        return granted;
    }

    private static void compareCookies(
            String service, Service old, Service current, List<String> material, List<String> editorial) {
        Map<String, CookieDeclaration> oldCookies = byId(old.cookies(), CookieDeclaration::name);
        for (CookieDeclaration cookie : current.cookies()) {
            CookieDeclaration before = oldCookies.get(cookie.name());
            String name = service + ": cookie '" + cookie.name() + "'";
            if (before == null) {
                material.add(name + " added");
                continue;
            }
            if (!before.thirdParty() && cookie.thirdParty()) {
                material.add(name + " became third-party");
            }
            int longer = cookie.lifetime()
                    .approximateDuration()
                    .compareTo(before.lifetime().approximateDuration());
            if (longer > 0
                    || (before.lifetime().isSession() && !cookie.lifetime().isSession())) {
                material.add(name + ": lifetime extended from " + before.lifetime() + " to " + cookie.lifetime());
            } else if (!before.lifetime().equals(cookie.lifetime())) {
                editorial.add(name + ": lifetime shortened");
            }
            if (!before.description().equals(cookie.description())
                    || !before.domains().equals(cookie.domains())
                    || !before.paths().equals(cookie.paths())) {
                editorial.add(name + ": description, domains or paths changed");
            }
        }
        removed(
                oldCookies.keySet(),
                byId(current.cookies(), CookieDeclaration::name).keySet(),
                service + ": cookie",
                editorial);
    }

    private static void removed(
            java.util.Set<String> before, java.util.Set<String> after, String what, List<String> editorial) {
        for (String id : before) {
            if (!after.contains(id)) {
                editorial.add(what + " '" + id + "' removed");
            }
        }
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream()
                .collect(Collectors.toMap(id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** Whether visitors must be asked again. */
    public boolean isMaterial() {
        return !material.isEmpty();
    }

    /** Whether nothing changed at all. */
    public boolean isEmpty() {
        return material.isEmpty() && editorial.isEmpty();
    }

    /**
     * Checks that a material change came with a higher version, so that visitors are asked again
     * (C17).
     *
     * @throws IllegalStateException naming the changes and the version to use, when the version was not raised
     */
    public static PolicyChange requireVersioning(ConsentPolicy previous, ConsentPolicy current) {
        PolicyChange change = between(previous, current);
        if (change.isMaterial() && current.version() <= previous.version()) {
            throw new IllegalStateException(
                    "The consent policy changed materially (" + String.join("; ", change.material())
                            + ") but its version stayed at " + current.version() + ". Set \"version\": "
                            + (previous.version() + 1)
                            + " so that visitors are asked again (C17).");
        }
        if (current.version() < previous.version()) {
            throw new IllegalStateException("The consent policy version went down from " + previous.version() + " to "
                    + current.version() + "; versions only ever rise.");
        }
        return change;
    }
}
