/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which services of a policy declare a cookie name, looked up fast: exact names in a hash map, then
 * the wildcard patterns, with the pattern result remembered per name up to a bound (cookie names in
 * request headers come from visitors, so the memory must not grow with them). Names met after the bound
 * is reached are matched against the patterns each time, which is still correct and cheap; a plain
 * concurrent map is used rather than an evicting cache because its reads cost a fraction as much, and
 * this lookup runs for every cookie of every response.
 *
 * <p>An exact declaration wins over patterns, as the site's most specific statement. When several
 * patterns match a name, all of them own it, and the cookie is allowed only when every owner is:
 * the order of services in the policy never decides whether a cookie passes. Thread-safe.
 */
final class CookieCatalog {

    /** How many looked-up names to keep; the pattern scan is cheap, so this only saves repeats. */
    static final int DEFAULT_CACHE_SIZE = 10_000;

    /** Longer names are matched without caching, so that huge names cannot fill the cache's memory. */
    static final int MAX_CACHED_NAME_LENGTH = 256;

    private final Map<String, Owners> exact;
    private final List<Owner> patterns;
    private final int cacheSize;
    private final ConcurrentHashMap<String, Owners> matched = new ConcurrentHashMap<>();

    CookieCatalog(ConsentPolicy policy, int cacheSize) {
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize must not be negative, was " + cacheSize);
        }
        Map<String, Owners> exactNames = new HashMap<>();
        List<Owner> patternOwners = new ArrayList<>();
        for (Service service : policy.services()) {
            boolean required = policy.requiredCategoryIds().contains(service.category());
            for (CookieDeclaration cookie : service.cookies()) {
                Owner owner = new Owner(service, cookie, required);
                if (cookie.isPattern()) {
                    patternOwners.add(owner);
                } else {
                    // The policy rejects two declarations of one name, so there is one owner per exact name.
                    exactNames.putIfAbsent(cookie.name(), new Owners(List.of(owner)));
                }
            }
        }
        this.exact = Map.copyOf(exactNames);
        this.patterns = List.copyOf(patternOwners);
        this.cacheSize = cacheSize;
    }

    /** The declarations that own {@code cookieName}; {@link Owners#UNDECLARED} when none does. */
    Owners lookup(String cookieName) {
        Owners owners = exact.get(cookieName);
        if (owners != null) {
            return owners;
        }
        if (patterns.isEmpty()) {
            return Owners.UNDECLARED;
        }
        owners = matched.get(cookieName);
        if (owners != null) {
            return owners;
        }
        owners = matchPatterns(cookieName);
        // The size check races with other inserts, so the map may pass the bound by the number of threads.
        if (cookieName.length() <= MAX_CACHED_NAME_LENGTH && matched.size() < cacheSize) {
            matched.putIfAbsent(cookieName, owners);
        }
        return owners;
    }

    /** How many names the pattern cache holds now; for tests of its bound. */
    long cachedNames() {
        return matched.size();
    }

    private Owners matchPatterns(String cookieName) {
        List<Owner> found = null;
        for (Owner owner : patterns) {
            if (owner.declaration().matches(cookieName)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(owner);
            }
        }
        return found == null ? Owners.UNDECLARED : new Owners(List.copyOf(found));
    }

    /**
     * One declaration of a cookie: the service that sets it and whether its category is required.
     *
     * @param service the declaring service
     * @param declaration the matching cookie declaration
     * @param required whether the service's category is required (always allowed)
     */
    record Owner(Service service, CookieDeclaration declaration, boolean required) {

        /**
         * Whether {@code decision} allows this cookie: its category is required, or its service is
         * allowed. Services are the unit of consent: a category grant alone does not cover a service the
         * visitor left off (C8), and a single service granted from an embed placeholder is enough. The
         * decision already withdraws services that signals or missing parental consent deny.
         */
        boolean allowedBy(ConsentDecision decision) {
            return required || decision.allowsService(service.id());
        }
    }

    /**
     * Every declaration that owns one cookie name; empty for an undeclared cookie. Keeps the ids of the
     * services whose consent the cookie needs, so that checking a decision reads no more than those.
     */
    static final class Owners {

        /** The result for a name no service declares. */
        static final Owners UNDECLARED = new Owners(List.of());

        private final List<Owner> owners;
        /** The services of the owners in optional categories; a cookie of required ones needs none. */
        private final String[] optionalServices;

        Owners(List<Owner> owners) {
            this.owners = List.copyOf(owners);
            this.optionalServices = owners.stream()
                    .filter(owner -> !owner.required())
                    .map(owner -> owner.service().id())
                    .distinct()
                    .toArray(String[]::new);
        }

        /** The owning declarations, in the policy's order. */
        List<Owner> owners() {
            return owners;
        }

        /** Whether any service declares the name. */
        boolean declared() {
            return !owners.isEmpty();
        }

        /** Whether an owner is in an optional category, so that the cookie needs the visitor's consent. */
        boolean needsConsent() {
            return optionalServices.length > 0;
        }

        /** Whether {@code decision} allows the cookie: every owner must allow it. */
        boolean allowedBy(ConsentDecision decision) {
            for (String service : optionalServices) {
                if (!decision.allowsService(service)) {
                    return false;
                }
            }
            return true;
        }
    }
}
