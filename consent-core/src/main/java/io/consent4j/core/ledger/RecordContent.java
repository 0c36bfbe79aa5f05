/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.Service;
import io.consent4j.core.token.ConsentId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A record before the ledger has placed it in a chain: everything the caller knows about the event.
 * The ledger adds the record id, chain, sequence, time and hashes. Build one with {@link #builder}.
 *
 * @param consentId the visitor's consent id, or null for purge records
 * @param accountRef a keyed hash of the account id, or null
 * @param actor who acted
 * @param event what happened
 * @param method how
 * @param collectionPoint where
 * @param categories every category with its state
 * @param services every service with its state
 * @param policyVersion the policy version shown
 * @param policyHash the policy's content hash
 * @param locale the banner language, or null
 * @param path the path without query, or null
 * @param userAgent the user agent, or null
 * @param ipPrefix the truncated client address, or null
 * @param signals the signals present
 * @param details extra facts
 */
public record RecordContent(
        ConsentId consentId,
        String accountRef,
        Actor actor,
        ConsentEvent event,
        ConsentMethod method,
        CollectionPoint collectionPoint,
        Map<String, Boolean> categories,
        Map<String, Boolean> services,
        int policyVersion,
        String policyHash,
        String locale,
        String path,
        String userAgent,
        String ipPrefix,
        Set<String> signals,
        Map<String, String> details) {

    /** The longest user agent kept; longer ones are cut. */
    public static final int MAX_USER_AGENT = 512;
    /** The longest path kept; longer ones are cut. */
    public static final int MAX_PATH = 1024;

    /** Checks required fields, cuts long texts and copies the collections. */
    public RecordContent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(collectionPoint, "collectionPoint");
        if (consentId == null && event != ConsentEvent.PURGE) {
            throw new IllegalArgumentException("a " + event.jsonName() + " record needs a consent id");
        }
        if (accountRef != null && !isSha256Hex(accountRef)) {
            throw new IllegalArgumentException(
                    "accountRef must be an AccountReferences hash (64 hex digits), never a raw account id");
        }
        categories = new TreeMap<>(categories == null ? Map.of() : categories);
        services = new TreeMap<>(services == null ? Map.of() : services);
        if (policyHash == null || !isSha256Hex(policyHash)) {
            throw new IllegalArgumentException("policyHash must be a policy content hash, was " + policyHash);
        }
        path = path == null ? null : cut(stripQuery(path), MAX_PATH);
        userAgent = userAgent == null ? null : cut(userAgent, MAX_USER_AGENT);
        signals = new TreeSet<>(signals == null ? Set.of() : signals);
        details = new TreeMap<>(details == null ? Map.of() : details);
    }

    /** Whether {@code text} is a SHA-256 in lowercase hex; a loop, as this runs for every append. */
    private static boolean isSha256Hex(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String stripQuery(String path) {
        int cut = path.length();
        int query = path.indexOf('?');
        int fragment = path.indexOf('#');
        if (query >= 0) {
            cut = query;
        }
        if (fragment >= 0 && fragment < cut) {
            cut = fragment;
        }
        return path.substring(0, cut);
    }

    private static String cut(String text, int max) {
        int plain = 0;
        while (plain < text.length() && text.charAt(plain) >= 0x20 && text.charAt(plain) != 0x7f) {
            plain++;
        }
        if (plain == text.length() && plain <= max) {
            return text; // nearly always: nothing to cut or replace
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && clean.length() < max; i++) {
            char c = text.charAt(i);
            clean.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return clean.toString();
    }

    /** This draft placed in a chain: the record with its id, position, time and hashes. */
    ConsentRecord place(
            String id, String chainId, long sequence, java.time.Instant time, String previousHash, String hash) {
        return new ConsentRecord(
                id,
                chainId,
                sequence,
                time,
                consentId,
                accountRef,
                actor,
                event,
                method,
                collectionPoint,
                categories,
                services,
                policyVersion,
                policyHash,
                locale,
                path,
                userAgent,
                ipPrefix,
                signals,
                details,
                previousHash,
                hash);
    }

    /** A builder for a record about {@code event} under {@code policy}. */
    public static Builder builder(ConsentPolicy policy, ConsentEvent event) {
        return new Builder(policy, event);
    }

    /** Builds a {@link RecordContent}; the state of every category and service defaults to denied. */
    public static final class Builder {
        private final ConsentPolicy policy;
        private final ConsentEvent event;
        private ConsentId consentId;
        private String accountRef;
        private Actor actor = Actor.VISITOR;
        private ConsentMethod method = ConsentMethod.API;
        private CollectionPoint collectionPoint = CollectionPoint.API;
        private final Map<String, Boolean> categories = new LinkedHashMap<>();
        private final Map<String, Boolean> services = new LinkedHashMap<>();
        private String locale;
        private String path;
        private String userAgent;
        private String ipPrefix;
        private final Set<String> signals = new TreeSet<>();
        private final Map<String, String> details = new TreeMap<>();

        private Builder(ConsentPolicy policy, ConsentEvent event) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.event = Objects.requireNonNull(event, "event");
            for (Category category : policy.categories()) {
                categories.put(category.id(), category.required());
            }
            for (Service service : policy.services()) {
                services.put(service.id(), policy.requiredCategoryIds().contains(service.category()));
            }
        }

        /** The visitor's consent id. */
        public Builder consentId(ConsentId consentId) {
            this.consentId = consentId;
            return this;
        }

        /** A keyed hash of the account id, from {@link AccountReferences}. */
        public Builder accountRef(String accountRef) {
            this.accountRef = accountRef;
            return this;
        }

        /** Who acted; default the visitor. */
        public Builder actor(Actor actor) {
            this.actor = actor;
            return this;
        }

        /** How; default API. */
        public Builder method(ConsentMethod method) {
            this.method = method;
            return this;
        }

        /** Where; default API. */
        public Builder collectionPoint(CollectionPoint collectionPoint) {
            this.collectionPoint = collectionPoint;
            return this;
        }

        /**
         * The granted categories and services; everything else in the policy is recorded as denied,
         * required categories as granted.
         *
         * @throws IllegalArgumentException naming an id the policy does not have
         */
        public Builder granted(Set<String> grantedCategories, Set<String> grantedServices) {
            for (String id : grantedCategories) {
                if (!categories.containsKey(id)) {
                    throw new IllegalArgumentException("unknown category '" + id + "'");
                }
                categories.put(id, true);
            }
            for (String id : grantedServices) {
                if (!services.containsKey(id)) {
                    throw new IllegalArgumentException("unknown service '" + id + "'");
                }
                services.put(id, true);
            }
            return this;
        }

        /** The banner language. */
        public Builder locale(String locale) {
            this.locale = locale;
            return this;
        }

        /** The page path; any query string or fragment is removed. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** The browser's user agent; cut at 512 characters. */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** The client address: truncated here to /24 or /48, the full address is not kept (C23). */
        public Builder clientAddress(String address) {
            this.ipPrefix = IpPrefix.of(address).orElse(null);
            return this;
        }

        /** Marks a signal as present: {@code gpc} or {@code dnt}. */
        public Builder signal(String signal) {
            if (!signal.equals("gpc") && !signal.equals("dnt")) {
                throw new IllegalArgumentException("signal must be 'gpc' or 'dnt', was '" + signal + "'");
            }
            this.signals.add(signal);
            return this;
        }

        /** An extra fact. */
        public Builder detail(String key, String value) {
            this.details.put(key, value);
            return this;
        }

        /** Builds the draft. */
        public RecordContent build() {
            return new RecordContent(
                    consentId,
                    accountRef,
                    actor,
                    event,
                    method,
                    collectionPoint,
                    categories,
                    services,
                    policy.version(),
                    policy.contentHash(),
                    locale,
                    path,
                    userAgent,
                    ipPrefix,
                    signals,
                    details);
        }
    }
}
