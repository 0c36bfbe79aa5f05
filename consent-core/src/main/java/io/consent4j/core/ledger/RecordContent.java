/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.Service;
import io.consent4j.core.token.ConsentId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a consent record says: who did what, how and where, under which policy, with every category's and
 * service's state. It is what an append takes and what every stored {@link ConsentRecord} holds beside its
 * place in the chain; the ledger adds the record id, chain, sequence, time and hashes. Build new content
 * with {@link #builder}, which also cleans what comes from a request: it removes a path's query string,
 * cuts long texts and truncates the client address.
 *
 * <p>The constructor checks what every record satisfies, new or stored, and changes no value, so that a
 * stored record reads back exactly as it was written; the cleaning is the builder's, where input enters.
 *
 * @param consentId the visitor's pseudonymous consent id; null only for records that concern no visitor
 *     (purge)
 * @param accountRef the keyed hash of the site's account id (see {@link AccountReferences}), or null
 * @param actor who acted
 * @param event what happened
 * @param method how
 * @param collectionPoint where: which layer or control
 * @param categories every category of the policy with its state, granted or denied
 * @param services every service of the policy with its state
 * @param policyVersion the version of the policy shown
 * @param policyHash the content hash of the policy shown, resolvable in the ledger's policy archive
 * @param locale the language the banner was shown in, or null
 * @param path the page's path as the builder cleans it: without query string or fragment, at most
 *     {@value #MAX_PATH} characters; or null
 * @param userAgent the browser's user agent as the builder cleans it: at most {@value #MAX_USER_AGENT}
 *     characters; or null
 * @param ipPrefix the client address truncated to /24 or /48 (C23), or null
 * @param signals the signals present: {@code gpc}, {@code dnt}
 * @param details extra facts of some events, such as what a purge removed; usually empty
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

    /** The longest user agent kept; the builder cuts longer ones. */
    public static final int MAX_USER_AGENT = 512;
    /** The longest path kept; the builder cuts longer ones. */
    public static final int MAX_PATH = 1024;

    /**
     * Checks required fields and copies the collections, sorted (the canonical JSON lists them in this
     * order) and unmodifiable.
     */
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
        if (policyHash == null || !isSha256Hex(policyHash)) {
            throw new IllegalArgumentException("policyHash must be a policy content hash, was " + policyHash);
        }
        categories = Collections.unmodifiableMap(new TreeMap<>(categories == null ? Map.of() : categories));
        services = Collections.unmodifiableMap(new TreeMap<>(services == null ? Map.of() : services));
        signals = Collections.unmodifiableSet(new TreeSet<>(signals == null ? Set.of() : signals));
        details = Collections.unmodifiableMap(new TreeMap<>(details == null ? Map.of() : details));
    }

    /** The categories granted. */
    public Set<String> grantedCategories() {
        return granted(categories);
    }

    /** The services granted. */
    public Set<String> grantedServices() {
        return granted(services);
    }

    private static Set<String> granted(Map<String, Boolean> states) {
        Set<String> granted = new TreeSet<>();
        states.forEach((id, on) -> {
            if (on) {
                granted.add(id);
            }
        });
        return Collections.unmodifiableSet(granted);
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

    /** {@code text} with control characters replaced by spaces, cut to {@code max} characters. */
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

    /** A builder for the content of a record about {@code event} under {@code policy}. */
    public static Builder builder(ConsentPolicy policy, ConsentEvent event) {
        return new Builder(policy, event);
    }

    /**
     * Builds a {@link RecordContent} from what a request or job knows, cleaning it on the way; the state of
     * every category and service defaults to denied.
     */
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

        /**
         * The page path; any query string or fragment is removed, control characters become spaces, and it
         * is cut at 1024 characters.
         */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** The browser's user agent; control characters become spaces, and it is cut at 512 characters. */
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

        /**
         * Builds the content.
         *
         * @throws IllegalArgumentException when it breaks a rule of {@link RecordContent}, such as an
         *     account reference that is not a hash
         */
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
                    path == null ? null : cut(stripQuery(path), MAX_PATH),
                    userAgent == null ? null : cut(userAgent, MAX_USER_AGENT),
                    ipPrefix,
                    signals,
                    details);
        }
    }
}
