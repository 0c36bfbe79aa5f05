/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import io.consent4j.core.policy.PolicyChange.Item;
import io.consent4j.core.policy.PolicyChange.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds the comparison behind {@link PolicyChange#between}: it walks two versions of a policy, category by
 * category, service by service with their cookies, then what concerns the whole policy, and lists every
 * change as an {@link Item} in that order.
 */
final class PolicyComparison {

    private PolicyComparison() {}

    /** Every change from {@code previous} to {@code current}, in the order of the policy. */
    static List<Item> items(ConsentPolicy previous, ConsentPolicy current) {
        List<Item> items = new ArrayList<>();

        Map<String, Category> oldCategories = byId(previous.categories(), Category::id);
        for (Category category : current.categories()) {
            Category old = oldCategories.get(category.id());
            String id = category.id();
            if (old == null) {
                items.add(Item.of(Kind.CATEGORY_ADDED, id));
                continue;
            }
            if (!old.description().equals(category.description())) {
                items.add(Item.of(Kind.CATEGORY_PURPOSE_CHANGED, id));
            }
            if (!old.required() && category.required()) {
                items.add(Item.of(Kind.CATEGORY_BECAME_REQUIRED, id));
            } else if (old.required() && !category.required()) {
                items.add(Item.of(Kind.CATEGORY_BECAME_OPTIONAL, id));
            }
            if (!old.label().equals(category.label())) {
                items.add(Item.of(Kind.CATEGORY_LABEL_CHANGED, id));
            }
            if (old.saleOrShare() != category.saleOrShare()
                    || !old.googleConsentMode().equals(category.googleConsentMode())) {
                items.add(Item.of(Kind.CATEGORY_SIGNALS_CHANGED, id));
            }
        }
        removed(
                oldCategories.keySet(),
                byId(current.categories(), Category::id).keySet(),
                id -> Item.of(Kind.CATEGORY_REMOVED, id),
                items);

        Map<String, Service> oldServices = byId(previous.services(), Service::id);
        for (Service service : current.services()) {
            Service old = oldServices.get(service.id());
            String id = service.id();
            if (old == null) {
                items.add(Item.of(Kind.SERVICE_ADDED, id));
                continue;
            }
            if (!old.category().equals(service.category())) {
                items.add(new Item(Kind.SERVICE_MOVED, id, null, old.category(), service.category()));
            }
            if (!old.provider().equals(service.provider())) {
                items.add(new Item(Kind.SERVICE_PROVIDER_CHANGED, id, null, old.provider(), service.provider()));
            }
            if (!old.purpose().equals(service.purpose())) {
                items.add(Item.of(Kind.SERVICE_PURPOSE_CHANGED, id));
            }
            for (String host : service.hosts()) {
                if (!old.hosts().contains(host)) {
                    items.add(new Item(Kind.SERVICE_HOST_ADDED, id, null, null, host));
                }
            }
            if (!old.name().equals(service.name())
                    || !Objects.equals(old.privacyPolicyUrl(), service.privacyPolicyUrl())) {
                items.add(Item.of(Kind.SERVICE_NAME_OR_LINK_CHANGED, id));
            }
            // The provider in the default language decides who it is; its other languages only say so.
            if (!old.localizedName().equals(service.localizedName())
                    || !old.localizedProvider().equals(service.localizedProvider())) {
                items.add(Item.of(Kind.SERVICE_TRANSLATION_CHANGED, id));
            }
            if (!service.hosts().containsAll(old.hosts())) {
                items.add(Item.of(Kind.SERVICE_HOSTS_REMOVED, id));
            }
            if (old.consentApi() != service.consentApi()) {
                items.add(Item.of(Kind.SERVICE_CONSENT_API_CHANGED, id));
            }
            compareCookies(id, old, service, items);
        }
        removed(
                oldServices.keySet(),
                byId(current.services(), Service::id).keySet(),
                id -> Item.of(Kind.SERVICE_REMOVED, id),
                items);

        if (!previous.links().equals(current.links())) {
            items.add(Item.of(Kind.LINKS_CHANGED, null));
        }
        if (previous.consentLifetimeMonths() != current.consentLifetimeMonths()
                || previous.reaskAfterMonths() != current.reaskAfterMonths()) {
            items.add(Item.of(Kind.LIFETIMES_CHANGED, null));
        }
        compareConsentMode(previous.googleConsentModeOptions(), current.googleConsentModeOptions(), items);
        if (!previous.textOverrides().equals(current.textOverrides())
                || !previous.defaultLocale().equals(current.defaultLocale())) {
            items.add(Item.of(Kind.TEXTS_CHANGED, null));
        }
        return items;
    }

    private static void compareConsentMode(
            GoogleConsentModeOptions old, GoogleConsentModeOptions current, List<Item> items) {
        if (old.equals(current)) {
            return;
        }
        Map<String, Set<GoogleConsentType>> grantedBefore = grantedByRegion(old);
        grantedByRegion(current).forEach((region, types) -> {
            for (GoogleConsentType type : types) {
                if (!grantedBefore.getOrDefault(region, Set.of()).contains(type)) {
                    items.add(new Item(Kind.CONSENT_MODE_REGION_GRANTS, region, null, null, type.gtagName()));
                }
            }
        });
        items.add(Item.of(Kind.CONSENT_MODE_OPTIONS_CHANGED, null));
    }

    private static Map<String, Set<GoogleConsentType>> grantedByRegion(GoogleConsentModeOptions options) {
        Map<String, Set<GoogleConsentType>> granted = new java.util.TreeMap<>();
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

    private static void compareCookies(String service, Service old, Service current, List<Item> items) {
        Map<String, CookieDeclaration> oldCookies = byId(old.cookies(), CookieDeclaration::name);
        for (CookieDeclaration cookie : current.cookies()) {
            CookieDeclaration before = oldCookies.get(cookie.name());
            String name = cookie.name();
            if (before == null) {
                items.add(new Item(Kind.COOKIE_ADDED, service, name, null, null));
                continue;
            }
            if (!before.thirdParty() && cookie.thirdParty()) {
                items.add(new Item(Kind.COOKIE_BECAME_THIRD_PARTY, service, name, null, null));
            }
            int longer = cookie.lifetime()
                    .approximateDuration()
                    .compareTo(before.lifetime().approximateDuration());
            if (longer > 0
                    || (before.lifetime().isSession() && !cookie.lifetime().isSession())) {
                items.add(new Item(
                        Kind.COOKIE_LIFETIME_EXTENDED,
                        service,
                        name,
                        before.lifetime().toString(),
                        cookie.lifetime().toString()));
            } else if (!before.lifetime().equals(cookie.lifetime())) {
                items.add(new Item(Kind.COOKIE_LIFETIME_SHORTENED, service, name, null, null));
            }
            if (!before.description().equals(cookie.description())
                    || !before.domains().equals(cookie.domains())
                    || !before.paths().equals(cookie.paths())) {
                items.add(new Item(Kind.COOKIE_DETAILS_CHANGED, service, name, null, null));
            }
        }
        removed(
                oldCookies.keySet(),
                byId(current.cookies(), CookieDeclaration::name).keySet(),
                name -> new Item(Kind.COOKIE_REMOVED, service, name, null, null),
                items);
    }

    private static void removed(Set<String> before, Set<String> after, Function<String, Item> item, List<Item> items) {
        for (String id : before) {
            if (!after.contains(id)) {
                items.add(item.apply(id));
            }
        }
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream()
                .collect(Collectors.toMap(id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
