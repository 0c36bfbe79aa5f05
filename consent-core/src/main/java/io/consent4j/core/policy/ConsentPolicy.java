/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a site asks its visitors to consent to: categories, the services in each with their cookies,
 * the banner texts per language, the links the banner shows, and how long a choice lasts.
 *
 * <p>A policy is immutable and validated when built: anything wrong fails with a
 * {@link PolicyValidationException} that names the field and the bad value. It carries a version
 * number that the site raises on every material change (C17, see {@link PolicyChange}) and a SHA-256
 * {@linkplain #contentHash() content hash} over its {@linkplain PolicyJson#canonical canonical JSON}, so
 * that every consent record can name exactly the text the visitor saw.
 *
 * <p>Build one in code with {@link #builder()} or read one from JSON with {@link #fromJson(String)}.
 */
public final class ConsentPolicy {

    /** The shortest consent lifetime allowed, in months. */
    public static final int MIN_LIFETIME_MONTHS = 1;
    /** The longest consent lifetime allowed, in months (CNIL: 13 months at most). */
    public static final int MAX_LIFETIME_MONTHS = 13;
    /** The default consent lifetime and re-ask interval, in months (C16, C18). */
    public static final int DEFAULT_LIFETIME_MONTHS = 6;

    private final int version;
    private final String defaultLocale;
    private final List<Category> categories;
    private final List<Service> services;
    private final Map<String, Map<BannerText, String>> texts;
    private final PolicyLinks links;
    private final int consentLifetimeMonths;
    private final int reaskAfterMonths;
    private final GoogleConsentModeOptions googleConsentModeOptions;

    /** The categories and services by id, checked against each other. */
    private final PolicyIndex index;

    private final Set<String> locales;
    private final String contentHash;

    private ConsentPolicy(Builder b) {
        List<PolicyProblem> problems = new ArrayList<>();
        this.version = b.version;
        this.defaultLocale = PolicyChecks.normalizeDefaultLocale(b.defaultLocale, problems);
        this.categories = List.copyOf(b.categories);
        this.services = List.copyOf(b.services);
        this.links = b.links;
        this.consentLifetimeMonths = b.consentLifetimeMonths;
        this.reaskAfterMonths = b.reaskAfterMonths == null
                ? Math.min(DEFAULT_LIFETIME_MONTHS, b.consentLifetimeMonths)
                : b.reaskAfterMonths;
        this.googleConsentModeOptions = b.googleConsentModeOptions;

        Map<String, Map<BannerText, String>> overrides = new TreeMap<>();
        b.texts.forEach((locale, map) -> overrides.put(locale, Collections.unmodifiableMap(new EnumMap<>(map))));
        this.texts = Collections.unmodifiableMap(overrides);

        PolicyChecks.checkSettings(version, links, consentLifetimeMonths, reaskAfterMonths, problems);

        this.index = PolicyIndex.of(categories, services, defaultLocale, problems);
        if (links != null) {
            links.checkDefaultLanguage(defaultLocale, problems);
        }
        PolicyChecks.checkConsentModeOptions(
                googleConsentModeOptions, googleConsentModeEnabled(), categories, problems);
        PolicyChecks.checkConsentApis(services, problems);
        if (!problems.isEmpty()) {
            throw new PolicyValidationException(problems);
        }
        Set<String> allLocales = new TreeSet<>(BuiltInTexts.ALL.keySet());
        allLocales.addAll(texts.keySet());
        allLocales.add(defaultLocale);
        this.locales = Collections.unmodifiableSet(allLocales);
        this.contentHash = PolicyJson.hash(this);
    }

    /** A builder for a policy in code. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads a policy from JSON; see {@link PolicyJson}. */
    public static ConsentPolicy fromJson(String json) {
        return PolicyJson.read(json);
    }

    /** Reads a policy from a JSON stream (not closed); see {@link PolicyJson}. */
    public static ConsentPolicy fromJson(InputStream json) {
        return PolicyJson.read(json);
    }

    /** Reads a policy from a JSON file; see {@link PolicyJson}. */
    public static ConsentPolicy fromJson(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return PolicyJson.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read consent policy " + file + ": " + e.getMessage(), e);
        }
    }

    /** The version the site gives this policy; raised on every material change. */
    public int version() {
        return version;
    }

    /** The language texts fall back to, such as {@code de}. */
    public String defaultLocale() {
        return defaultLocale;
    }

    /** Every language this policy has texts for: the 24 built-in EU languages and any the site added. */
    public Set<String> locales() {
        return locales;
    }

    /** The categories, in the order the banner shows them. */
    public List<Category> categories() {
        return categories;
    }

    /** The services, in the order the banner shows them. */
    public List<Service> services() {
        return services;
    }

    /** The category with this id, if any. */
    public Optional<Category> category(String id) {
        return Optional.ofNullable(index.categoriesById().get(id));
    }

    /** The service with this id, if any. */
    public Optional<Service> service(String id) {
        return Optional.ofNullable(index.servicesById().get(id));
    }

    /** The services of one category, in policy order; empty for an unknown category. */
    public List<Service> servicesOf(String categoryId) {
        return index.servicesByCategory().getOrDefault(categoryId, List.of());
    }

    /** The ids of the required (always active) categories. */
    public Set<String> requiredCategoryIds() {
        return index.requiredCategoryIds();
    }

    /** The ids of the services in required categories, which are always allowed. */
    public Set<String> requiredServiceIds() {
        return index.requiredServiceIds();
    }

    /** The ids of the optional categories that GPC and DNT object to (C19). */
    public Set<String> saleOrShareCategoryIds() {
        return index.saleOrShareCategoryIds();
    }

    /** The privacy-policy and imprint links. */
    public PolicyLinks links() {
        return links;
    }

    /** How long a choice (consent or refusal) lasts, in months (C16, C18). */
    public int consentLifetimeMonths() {
        return consentLifetimeMonths;
    }

    /** After how many months the banner asks again, even if the choice has not expired (C16). */
    public int reaskAfterMonths() {
        return reaskAfterMonths;
    }

    /** Whether any category maps to Google Consent Mode types (C20). */
    public boolean googleConsentModeEnabled() {
        return categories.stream().anyMatch(c -> !c.googleConsentMode().isEmpty());
    }

    /**
     * The Consent Mode options beyond the category mapping ({@code wait_for_update}, region defaults,
     * {@code url_passthrough}, {@code ads_data_redaction}); {@link GoogleConsentModeOptions#NONE} when
     * the policy gives none.
     */
    public GoogleConsentModeOptions googleConsentModeOptions() {
        return googleConsentModeOptions;
    }

    /** The service whose tool gets consent through {@code api}, if any. */
    public Optional<Service> serviceWith(ConsentApi api) {
        return services.stream().filter(s -> s.consentApi() == api).findFirst();
    }

    /** The texts the site overrides, per language; see {@link #texts(String)} for the resolved texts. */
    public Map<String, Map<BannerText, String>> textOverrides() {
        return texts;
    }

    /**
     * Every banner text for {@code locale}: the site's override for that language or its base
     * language, else the built-in text of that language, else those of the default language, else English.
     */
    public Map<BannerText, String> texts(String locale) {
        String tag =
                locale == null ? defaultLocale : locale.toLowerCase(Locale.ROOT).replace('_', '-');
        int dash = tag.indexOf('-');
        String language = dash > 0 ? tag.substring(0, dash) : tag;
        EnumMap<BannerText, String> resolved = new EnumMap<>(BannerText.class);
        for (BannerText key : BannerText.values()) {
            resolved.put(key, BuiltInTexts.first(texts, key, tag, language, defaultLocale, "en"));
        }
        return Collections.unmodifiableMap(resolved);
    }

    /**
     * Each text missing in one of the languages the policy is written in, with its path, such as
     * {@code services[3].purpose.en} (C11): valid, but some visitors see another language. {@link
     * PolicyJson#read(String)} logs them, {@link PolicyJson#readStrict(String)} fails on them.
     */
    public List<PolicyProblem> warnings() {
        return PolicyWarnings.of(this);
    }

    /** The SHA-256 of the canonical JSON form, as 64 lower-case hex digits. */
    public String contentHash() {
        return contentHash;
    }

    /** Returns a builder holding this policy's content, to derive a changed policy. */
    public Builder toBuilder() {
        Builder b = new Builder()
                .version(version)
                .defaultLocale(defaultLocale)
                .links(links)
                .consentLifetimeMonths(consentLifetimeMonths)
                .reaskAfterMonths(reaskAfterMonths)
                .googleConsentModeOptions(googleConsentModeOptions);
        categories.forEach(b::category);
        services.forEach(b::service);
        texts.forEach((locale, map) -> map.forEach((key, text) -> b.text(locale, key, text)));
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsentPolicy other && version == other.version && contentHash.equals(other.contentHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, contentHash);
    }

    @Override
    public String toString() {
        return "ConsentPolicy[version=" + version + ", categories="
                + index.categoriesById().keySet() + ", services="
                + index.servicesById().keySet() + ", hash=" + contentHash.substring(0, 12) + "]";
    }

    /** Builds a {@link ConsentPolicy}; {@link #build()} validates everything at once. */
    public static final class Builder {
        private int version = 1;
        private String defaultLocale = "en";
        private final List<Category> categories = new ArrayList<>();
        private final List<Service> services = new ArrayList<>();
        private final Map<String, Map<BannerText, String>> texts = new TreeMap<>();
        private PolicyLinks links;
        private int consentLifetimeMonths = DEFAULT_LIFETIME_MONTHS;
        private Integer reaskAfterMonths;
        private GoogleConsentModeOptions googleConsentModeOptions = GoogleConsentModeOptions.NONE;

        private Builder() {}

        /** The version; default 1. Raise it on every material change (C17). */
        public Builder version(int version) {
            this.version = version;
            return this;
        }

        /** The language texts fall back to; default {@code en}. */
        public Builder defaultLocale(String defaultLocale) {
            this.defaultLocale = defaultLocale;
            return this;
        }

        /** Adds a category; the banner shows them in the order added. */
        public Builder category(Category category) {
            this.categories.add(Objects.requireNonNull(category, "category"));
            return this;
        }

        /** Removes the category with this id and its services. */
        public Builder removeCategory(String id) {
            this.categories.removeIf(c -> c.id().equals(id));
            this.services.removeIf(s -> s.category().equals(id));
            return this;
        }

        /** Adds a service; the banner shows them in the order added. */
        public Builder service(Service service) {
            this.services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        /** Removes the service with this id. */
        public Builder removeService(String id) {
            this.services.removeIf(s -> s.id().equals(id));
            return this;
        }

        /** Replaces the service with the same id, or adds it. */
        public Builder replaceService(Service service) {
            for (int i = 0; i < services.size(); i++) {
                if (services.get(i).id().equals(service.id())) {
                    services.set(i, service);
                    return this;
                }
            }
            return service(service);
        }

        /** Replaces the category with the same id, or adds it. */
        public Builder replaceCategory(Category category) {
            for (int i = 0; i < categories.size(); i++) {
                if (categories.get(i).id().equals(category.id())) {
                    categories.set(i, category);
                    return this;
                }
            }
            return category(category);
        }

        /** Overrides one banner text in one language. */
        public Builder text(String locale, BannerText key, String text) {
            String tag = LocalizedText.normalizeLocale(locale);
            if (text == null || text.isBlank()) {
                throw PolicyValidationException.of("texts." + tag + "." + key.key(), "text must not be blank");
            }
            this.texts
                    .computeIfAbsent(tag, t -> new EnumMap<>(BannerText.class))
                    .put(key, text.strip());
            return this;
        }

        /** The privacy-policy and imprint links. Required. */
        public Builder links(PolicyLinks links) {
            this.links = links;
            return this;
        }

        /** How long a choice lasts, 1 to 13 months; default 6. */
        public Builder consentLifetimeMonths(int months) {
            this.consentLifetimeMonths = months;
            return this;
        }

        /** After how many months to ask again; default the lesser of 6 and the lifetime. */
        public Builder reaskAfterMonths(int months) {
            this.reaskAfterMonths = months;
            return this;
        }

        /** The Consent Mode options beyond the category mapping; default {@link GoogleConsentModeOptions#NONE}. */
        public Builder googleConsentModeOptions(GoogleConsentModeOptions options) {
            this.googleConsentModeOptions = Objects.requireNonNull(options, "googleConsentModeOptions");
            return this;
        }

        /** Builds the policy, failing with every problem found. */
        public ConsentPolicy build() {
            return new ConsentPolicy(this);
        }
    }
}
