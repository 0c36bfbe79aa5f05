/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.List;
import java.util.Objects;

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
 * <p>Each change is an {@link Item}: its {@link Kind}, what it concerns and the values before and after,
 * so that a page can say it in its own language; {@link #material()} and {@link #editorial()} give the
 * same changes as English sentences.
 *
 * @param items every change, in the order of the policy: categories, services with their cookies, then
 *     what concerns the whole policy; empty if nothing changed
 */
public record PolicyChange(List<Item> items) {

    /** Copies the list so that the change is immutable. */
    public PolicyChange {
        items = List.copyOf(items);
    }

    /** What kind of change an {@link Item} is, and whether that kind is material (C17). */
    public enum Kind {
        /** A category was added; subject: the category. */
        CATEGORY_ADDED(true),
        /** A category's description (its purpose) changed in some language; subject: the category. */
        CATEGORY_PURPOSE_CHANGED(true),
        /** An optional category became required; subject: the category. */
        CATEGORY_BECAME_REQUIRED(true),
        /** A required category became optional; subject: the category. */
        CATEGORY_BECAME_OPTIONAL(false),
        /** A category's label changed; subject: the category. */
        CATEGORY_LABEL_CHANGED(false),
        /** A category's sale-or-share signal or Consent Mode settings changed; subject: the category. */
        CATEGORY_SIGNALS_CHANGED(false),
        /** A category was removed; subject: the category. */
        CATEGORY_REMOVED(false),
        /** A service was added; subject: the service. */
        SERVICE_ADDED(true),
        /** A service moved to another category; subject: the service; before and after: the categories. */
        SERVICE_MOVED(true),
        /** A service got another provider; subject: the service; before and after: the providers. */
        SERVICE_PROVIDER_CHANGED(true),
        /** A service's purpose changed in some language; subject: the service. */
        SERVICE_PURPOSE_CHANGED(true),
        /** A service contacts another host; subject: the service; after: the host. */
        SERVICE_HOST_ADDED(true),
        /** A service's name or privacy-policy link changed; subject: the service. */
        SERVICE_NAME_OR_LINK_CHANGED(false),
        /** A service's name or provider in a language other than the default changed; subject: the service. */
        SERVICE_TRANSLATION_CHANGED(false),
        /** A service no longer contacts some hosts; subject: the service. */
        SERVICE_HOSTS_REMOVED(false),
        /** A service passes the choice to another consent API (or none); subject: the service. */
        SERVICE_CONSENT_API_CHANGED(false),
        /** A service was removed; subject: the service. */
        SERVICE_REMOVED(false),
        /** A cookie was added; subject: its service; cookie: its name. */
        COOKIE_ADDED(true),
        /** A cookie became third-party; subject: its service; cookie: its name. */
        COOKIE_BECAME_THIRD_PARTY(true),
        /**
         * A cookie lives longer (or no longer only for the session); subject: its service; cookie: its name;
         * before and after: the lifetimes as the policy writes them (ISO-8601, or {@code session}).
         */
        COOKIE_LIFETIME_EXTENDED(true),
        /** A cookie lives shorter; subject: its service; cookie: its name. */
        COOKIE_LIFETIME_SHORTENED(false),
        /** A cookie's description, domains or paths changed; subject: its service; cookie: its name. */
        COOKIE_DETAILS_CHANGED(false),
        /** A cookie was removed; subject: its service; cookie: its name. */
        COOKIE_REMOVED(false),
        /** The policy's links changed. */
        LINKS_CHANGED(false),
        /** The consent lifetime or the re-ask interval changed. */
        LIFETIMES_CHANGED(false),
        /** The banner texts or the default language changed. */
        TEXTS_CHANGED(false),
        /**
         * A Google Consent Mode region default now grants a type before any choice; subject: the region
         * code (such as {@code US-CA}); after: the type's gtag name (such as {@code ad_storage}).
         */
        CONSENT_MODE_REGION_GRANTS(true),
        /** Google Consent Mode's other options or region defaults changed. */
        CONSENT_MODE_OPTIONS_CHANGED(false);

        private final boolean material;

        Kind(boolean material) {
            this.material = material;
        }

        /** Whether a change of this kind asks visitors again (C17). */
        public boolean material() {
            return material;
        }

        boolean aboutCookie() {
            return name().startsWith("COOKIE_");
        }

        boolean aboutPolicy() {
            return this == LINKS_CHANGED
                    || this == LIFETIMES_CHANGED
                    || this == TEXTS_CHANGED
                    || this == CONSENT_MODE_OPTIONS_CHANGED;
        }
    }

    /**
     * One change.
     *
     * @param kind what changed
     * @param subject the category or service id it concerns; null for a change of the whole policy
     * @param cookie the cookie's name for a cookie's change; null otherwise
     * @param before the value before, where the {@link Kind} names one; null otherwise
     * @param after the value after, where the {@link Kind} names one; null otherwise
     */
    public record Item(Kind kind, String subject, String cookie, String before, String after) {

        /** Checks that the parts the kind needs are there. */
        public Item {
            Objects.requireNonNull(kind, "kind");
            if (kind.aboutPolicy() != (subject == null)) {
                throw new IllegalArgumentException("subject " + (subject == null ? "missing" : "'" + subject + "'")
                        + " for a change of kind " + kind);
            }
            if (kind.aboutCookie() != (cookie != null)) {
                throw new IllegalArgumentException("cookie " + (cookie == null ? "missing" : "'" + cookie + "'")
                        + " for a change of kind " + kind);
            }
        }

        static Item of(Kind kind, String subject) {
            return new Item(kind, subject, null, null, null);
        }

        /** Whether this change asks visitors again (C17). */
        public boolean material() {
            return kind.material();
        }

        /** The change as an English sentence, such as {@code service 'youtube' added}. */
        public String sentence() {
            String what = kind.aboutCookie()
                    ? "service '" + subject + "': cookie '" + cookie + "'"
                    : kind.name().startsWith("CATEGORY_") ? "category '" + subject + "'" : "service '" + subject + "'";
            return switch (kind) {
                case CATEGORY_ADDED, SERVICE_ADDED, COOKIE_ADDED -> what + " added";
                case CATEGORY_REMOVED, SERVICE_REMOVED, COOKIE_REMOVED -> what + " removed";
                case CATEGORY_PURPOSE_CHANGED -> what + ": purpose (description) changed";
                case CATEGORY_BECAME_REQUIRED -> what + " became required";
                case CATEGORY_BECAME_OPTIONAL -> what + " became optional";
                case CATEGORY_LABEL_CHANGED -> what + ": label changed";
                case CATEGORY_SIGNALS_CHANGED -> what + ": signal or Consent Mode settings changed";
                case SERVICE_MOVED -> what + " moved from category '" + before + "' to '" + after + "'";
                case SERVICE_PROVIDER_CHANGED -> what + ": provider changed from '" + before + "' to '" + after + "'";
                case SERVICE_PURPOSE_CHANGED -> what + ": purpose changed";
                case SERVICE_HOST_ADDED -> what + ": host '" + after + "' added";
                case SERVICE_NAME_OR_LINK_CHANGED -> what + ": name or privacy-policy link changed";
                case SERVICE_TRANSLATION_CHANGED -> what + ": name or provider in another language changed";
                case SERVICE_HOSTS_REMOVED -> what + ": hosts removed";
                case SERVICE_CONSENT_API_CHANGED -> what + ": consent API changed";
                case COOKIE_BECAME_THIRD_PARTY -> what + " became third-party";
                case COOKIE_LIFETIME_EXTENDED -> what + ": lifetime extended from " + before + " to " + after;
                case COOKIE_LIFETIME_SHORTENED -> what + ": lifetime shortened";
                case COOKIE_DETAILS_CHANGED -> what + ": description, domains or paths changed";
                case LINKS_CHANGED -> "links changed";
                case LIFETIMES_CHANGED -> "consent lifetime or re-ask interval changed";
                case TEXTS_CHANGED -> "banner texts or default language changed";
                case CONSENT_MODE_REGION_GRANTS ->
                    "Consent Mode: '" + after + "' granted by default in region '" + subject + "'";
                case CONSENT_MODE_OPTIONS_CHANGED -> "Consent Mode options changed";
            };
        }
    }

    /** Compares {@code previous} with {@code current}. */
    public static PolicyChange between(ConsentPolicy previous, ConsentPolicy current) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        return new PolicyChange(PolicyComparison.items(previous, current));
    }

    /** The material changes, each an English sentence naming what changed; empty if none. */
    public List<String> material() {
        return sentences(true);
    }

    /** The editorial changes as English sentences; empty if none. */
    public List<String> editorial() {
        return sentences(false);
    }

    private List<String> sentences(boolean material) {
        return items.stream()
                .filter(item -> item.material() == material)
                .map(Item::sentence)
                .toList();
    }

    /** Whether visitors must be asked again. */
    public boolean isMaterial() {
        return items.stream().anyMatch(Item::material);
    }

    /** Whether nothing changed at all. */
    public boolean isEmpty() {
        return items.isEmpty();
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
