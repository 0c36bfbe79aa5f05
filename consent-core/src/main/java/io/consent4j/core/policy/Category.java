/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A purpose the site asks consent for, such as {@code analytics}, grouping the services that serve
 * it. Required categories (such as {@code necessary}) are always active and cannot be switched off;
 * their description says why they are needed (C2).
 *
 * @param id a short lower-case id: letters, digits, {@code -} and {@code _}, starting with a letter
 * @param required whether the category is always active (strictly necessary)
 * @param label the name shown in the banner; built in for the common ids in German and English
 * @param description what the category is for; for required categories, why it is necessary
 * @param saleOrShare whether Global Privacy Control and Do-Not-Track object to this category (C19);
 *     defaults to true for {@code marketing}
 * @param googleConsentMode the Google Consent Mode v2 types this category grants
 */
public record Category(
        String id,
        boolean required,
        LocalizedText label,
        LocalizedText description,
        boolean saleOrShare,
        Set<GoogleConsentType> googleConsentMode) {

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    /** Labels and descriptions built in for the common category ids. */
    private static final Map<String, LocalizedText[]> DEFAULTS = Map.of(
            "necessary",
            new LocalizedText[] {
                LocalizedText.ofGermanEnglish("Notwendig", "Necessary"),
                LocalizedText.ofGermanEnglish(
                        "Diese Cookies sind für den Betrieb der Website erforderlich, etwa für die Anmeldung,"
                                + " die Sicherheit und das Speichern Ihrer Cookie-Auswahl. Sie können nicht"
                                + " abgewählt werden.",
                        "These cookies are needed for the site to work, for example for signing in, for"
                                + " security and for remembering your cookie choice. They cannot be switched off.")
            },
            "functional",
            new LocalizedText[] {
                LocalizedText.ofGermanEnglish("Funktional", "Functional"),
                LocalizedText.ofGermanEnglish(
                        "Ermöglichen Komfortfunktionen wie eingebettete Videos, Chat oder gespeicherte Einstellungen.",
                        "Enable convenience features such as embedded videos, chat or saved preferences.")
            },
            "analytics",
            new LocalizedText[] {
                LocalizedText.ofGermanEnglish("Statistik", "Analytics"),
                LocalizedText.ofGermanEnglish(
                        "Helfen uns zu verstehen, wie die Website genutzt wird, damit wir Kurse und Inhalte"
                                + " verbessern können.",
                        "Help us understand how the site is used so that we can improve courses and content.")
            },
            "performance",
            new LocalizedText[] {
                LocalizedText.ofGermanEnglish("Leistung", "Performance"),
                LocalizedText.ofGermanEnglish(
                        "Messen Ladezeiten und Fehler, damit die Website schnell und zuverlässig bleibt.",
                        "Measure loading times and errors so that the site stays fast and reliable.")
            },
            "marketing",
            new LocalizedText[] {
                LocalizedText.ofGermanEnglish("Marketing", "Marketing"),
                LocalizedText.ofGermanEnglish(
                        "Werden genutzt, um Werbung und Newsletter-Erfolg zu messen und Ihnen passende"
                                + " Angebote zu zeigen, auch auf anderen Websites.",
                        "Used to measure advertising and newsletter success and to show you relevant offers,"
                                + " also on other sites.")
            });

    /** Validates the id and fills in built-in texts for common ids. */
    public Category {
        if (id == null || !ID.matcher(id).matches()) {
            throw PolicyValidationException.of(
                    "id",
                    "'" + id + "' is not a valid id: use lower-case letters, digits, '-' and '_', starting with a"
                            + " letter, at most 40 characters");
        }
        LocalizedText[] defaults = DEFAULTS.get(id);
        label = orEmpty(label);
        description = orEmpty(description);
        if (defaults != null) {
            label = label.orElse(defaults[0]);
            description = description.orElse(defaults[1]);
        }
        googleConsentMode = googleConsentMode == null || googleConsentMode.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(googleConsentMode));
    }

    /** The languages the built-in texts of {@code id} are written in; empty for an id without them. */
    static Set<String> builtInLocales(String id) {
        LocalizedText[] defaults = DEFAULTS.get(id);
        return defaults == null ? Set.of() : defaults[0].locales();
    }

    private static LocalizedText orEmpty(LocalizedText text) {
        return text == null ? LocalizedText.empty() : text;
    }

    /** An optional category with the built-in texts of its id (if any). */
    public static Category of(String id) {
        return builder(id).build();
    }

    /** A builder for a category. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Category}. */
    public static final class Builder {
        private final String id;
        private boolean required;
        private LocalizedText label = LocalizedText.empty();
        private LocalizedText description = LocalizedText.empty();
        private Boolean saleOrShare;
        private final Set<GoogleConsentType> googleConsentMode = EnumSet.noneOf(GoogleConsentType.class);

        private Builder(String id) {
            this.id = id;
        }

        /** Whether the category is always active; default false. */
        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        /** The label in one language. */
        public Builder label(String locale, String text) {
            this.label = LocalizedText.of(locale, text).orElse(label);
            return this;
        }

        /** The description in one language. */
        public Builder description(String locale, String text) {
            this.description = LocalizedText.of(locale, text).orElse(description);
            return this;
        }

        /** Whether GPC and DNT object to this category; default true only for {@code marketing}. */
        public Builder saleOrShare(boolean saleOrShare) {
            this.saleOrShare = saleOrShare;
            return this;
        }

        /** Google Consent Mode types this category grants. */
        public Builder googleConsentMode(GoogleConsentType... types) {
            this.googleConsentMode.addAll(java.util.List.of(types));
            return this;
        }

        /** Builds the category, failing with a message that names the bad field. */
        public Category build() {
            boolean sale = saleOrShare != null ? saleOrShare : "marketing".equals(id);
            return new Category(id, required, label, description, sale, googleConsentMode);
        }
    }
}
