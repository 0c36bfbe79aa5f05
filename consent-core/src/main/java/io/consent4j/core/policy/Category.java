/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A purpose the site asks consent for, such as {@code analytics}, grouping the services that serve
 * it. Required categories (such as {@code necessary}) are always active and cannot be switched off;
 * their description says why they are needed (C2).
 *
 * @param id a short lower-case id: letters, digits, {@code -} and {@code _}, starting with a letter
 * @param required whether the category is always active (strictly necessary)
 * @param label the name shown in the banner; built in for the common ids in every built-in language
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

    /** Validates the id and fills in built-in texts for common ids. */
    public Category {
        if (id == null || !ID.matcher(id).matches()) {
            throw PolicyValidationException.of(
                    "id",
                    "'" + id + "' is not a valid id: use lower-case letters, digits, '-' and '_', starting with a"
                            + " letter, at most 40 characters");
        }
        LocalizedText[] defaults = BuiltInCategoryTexts.ALL.get(id);
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
        LocalizedText[] defaults = BuiltInCategoryTexts.ALL.get(id);
        return defaults == null ? Set.of() : defaults[0].locales();
    }

    /**
     * Whether {@code label} and {@code description} in {@code locale} are the built-in texts of {@code id}
     * there (absent ones count as built-in), so that they say nothing the site wrote itself.
     */
    static boolean isBuiltIn(String id, String locale, LocalizedText label, LocalizedText description) {
        LocalizedText[] defaults = BuiltInCategoryTexts.ALL.get(id);
        return defaults != null
                && sameOrAbsent(label, defaults[0], locale)
                && sameOrAbsent(description, defaults[1], locale);
    }

    private static boolean sameOrAbsent(LocalizedText text, LocalizedText builtIn, String locale) {
        String own = text.values().get(locale);
        return own == null || own.equals(builtIn.values().get(locale));
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
