/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import io.consent4j.core.ledger.ConsentMethod;
import java.util.Objects;
import java.util.Set;

/**
 * What a visitor chose in the banner: accept all, reject all, a custom selection (exactly the toggles
 * shown, C8), one service granted from an embed placeholder, or a withdrawal.
 *
 * @param kind which control was used
 * @param categories the optional categories switched on (custom only)
 * @param services the services switched on (custom) or the one service granted (single service)
 */
public record ConsentChoice(Kind kind, Set<String> categories, Set<String> services) {

    /** Which control was used. */
    public enum Kind {
        /** "Accept all": every optional category and service. */
        ACCEPT_ALL(ConsentMethod.ACCEPT_ALL),
        /** "Reject all": nothing optional. */
        REJECT_ALL(ConsentMethod.REJECT_ALL),
        /** Saved toggles: exactly the categories and services given. */
        CUSTOM(ConsentMethod.CUSTOM),
        /** One service granted from its placeholder, on top of what was granted before. */
        GRANT_SERVICE(ConsentMethod.CUSTOM),
        /** Withdrawal: nothing optional any more. */
        WITHDRAW(ConsentMethod.WITHDRAWAL);

        private final ConsentMethod method;

        Kind(ConsentMethod method) {
            this.method = method;
        }

        /** The method recorded for this control. */
        public ConsentMethod method() {
            return method;
        }
    }

    /** Checks and copies the sets. */
    public ConsentChoice {
        Objects.requireNonNull(kind, "kind");
        categories = Set.copyOf(categories == null ? Set.of() : categories);
        services = Set.copyOf(services == null ? Set.of() : services);
        if (kind == Kind.GRANT_SERVICE && services.size() != 1) {
            throw new IllegalArgumentException("granting a single service needs exactly one service, got " + services);
        }
    }

    /** Accept all. */
    public static ConsentChoice acceptAll() {
        return new ConsentChoice(Kind.ACCEPT_ALL, Set.of(), Set.of());
    }

    /** Reject all. */
    public static ConsentChoice rejectAll() {
        return new ConsentChoice(Kind.REJECT_ALL, Set.of(), Set.of());
    }

    /**
     * Exactly these toggles. A category listed without any of its services grants all its services
     * unless {@code services} names some of that category's services.
     */
    public static ConsentChoice custom(Set<String> categories, Set<String> services) {
        return new ConsentChoice(Kind.CUSTOM, categories, services);
    }

    /** One service granted from its placeholder. */
    public static ConsentChoice grantService(String service) {
        return new ConsentChoice(Kind.GRANT_SERVICE, Set.of(), Set.of(service));
    }

    /** Withdrawal of everything optional. */
    public static ConsentChoice withdraw() {
        return new ConsentChoice(Kind.WITHDRAW, Set.of(), Set.of());
    }
}
