/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A third-party or first-party tool that needs consent for one category, such as a video host or an
 * analytics tool: who provides it, for what purpose, which hosts it contacts and which cookies it sets.
 *
 * <p>The name and the provider are usually the same in every language ({@code Matomo}, {@code Vimeo.com,
 * Inc.}). Where they are descriptions rather than names ({@code E-Mail-Versanddienst}), they can be
 * given per language as well: {@link #name(String)} and {@link #provider(String)} then give the text
 * of a language, and {@link #name()} and {@link #provider()} the one for every other language, which
 * is the default language's.
 *
 * @param id a short lower-case id, unique among the policy's services
 * @param category the id of the category the service belongs to
 * @param name the name shown in the banner, such as {@code YouTube}; defaults to the provider
 * @param provider the company or body that provides the service
 * @param purpose what the service is used for (C7)
 * @param privacyPolicyUrl the provider's privacy policy, or null when none is given
 * @param hosts the hosts the service contacts (lower-case, {@code *.} allowed as first label)
 * @param cookies the cookies the service sets
 * @param localizedName the name per language; empty when {@code name} is the same in every language
 * @param localizedProvider the provider per language; empty when {@code provider} is the same in every
 *     language
 * @param consentApi the tool's own consent API the banner passes the service's consent to, or null for none
 */
public record Service(
        String id,
        String category,
        String name,
        String provider,
        LocalizedText purpose,
        URI privacyPolicyUrl,
        List<String> hosts,
        List<CookieDeclaration> cookies,
        LocalizedText localizedName,
        LocalizedText localizedProvider,
        ConsentApi consentApi) {

    private static final Pattern HOST =
            Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?");

    /** Validates the fields and normalizes the hosts, naming the bad value. */
    public Service {
        if (id == null || !Category.ID.matcher(id).matches()) {
            throw PolicyValidationException.of(
                    "id",
                    "'" + id + "' is not a valid id: use lower-case letters, digits, '-' and '_', starting with a"
                            + " letter, at most 40 characters");
        }
        if (category == null || category.isBlank()) {
            throw PolicyValidationException.of("category", "service '" + id + "' names no category");
        }
        if (provider == null || provider.isBlank()) {
            throw PolicyValidationException.of("provider", "service '" + id + "' names no provider (C7)");
        }
        provider = provider.strip();
        localizedProvider = localizedProvider == null ? LocalizedText.empty() : localizedProvider;
        localizedName = localizedName == null ? LocalizedText.empty() : localizedName;
        if (name == null || name.isBlank()) {
            // Without a name of its own the service is called by its provider, in every language.
            name = provider;
            localizedName = localizedName.isEmpty() ? localizedProvider : localizedName;
        } else {
            name = name.strip();
        }
        purpose = purpose == null ? LocalizedText.empty() : purpose;
        if (privacyPolicyUrl != null) {
            String scheme = privacyPolicyUrl.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || privacyPolicyUrl.getHost() == null) {
                throw PolicyValidationException.of(
                        "privacyPolicyUrl", "'" + privacyPolicyUrl + "' is not an absolute http(s) URL");
            }
        }
        List<String> normalizedHosts = new ArrayList<>();
        for (int i = 0; i < (hosts == null ? 0 : hosts.size()); i++) {
            String host = hosts.get(i) == null ? "" : hosts.get(i).strip().toLowerCase(Locale.ROOT);
            if (!HOST.matcher(host).matches()) {
                throw PolicyValidationException.of(
                        "hosts[" + i + "]",
                        "'" + hosts.get(i)
                                + "' is not a host name such as 'www.youtube-nocookie.com' or '*.vimeo.com'");
            }
            normalizedHosts.add(host);
        }
        hosts = List.copyOf(normalizedHosts);
        cookies = List.copyOf(cookies == null ? List.of() : cookies);
    }

    /** A service whose tool has no consent API the banner talks to. */
    public Service(
            String id,
            String category,
            String name,
            String provider,
            LocalizedText purpose,
            URI privacyPolicyUrl,
            List<String> hosts,
            List<CookieDeclaration> cookies,
            LocalizedText localizedName,
            LocalizedText localizedProvider) {
        this(
                id,
                category,
                name,
                provider,
                purpose,
                privacyPolicyUrl,
                hosts,
                cookies,
                localizedName,
                localizedProvider,
                null);
    }

    /** A builder for a service in {@code category}. */
    public static Builder builder(String id, String category) {
        return new Builder(id, category);
    }

    /** The name shown to a visitor reading {@code locale}: its own, else the one for every language. */
    public String name(String locale) {
        return localizedName.resolve(locale, null).orElse(name);
    }

    /** The provider shown to a visitor reading {@code locale}: its own, else the one for every language. */
    public String provider(String locale) {
        return localizedProvider.resolve(locale, null).orElse(provider);
    }

    /** Whether the name or the provider is given per language rather than once for every language. */
    boolean isLocalized() {
        return !localizedName.isEmpty() || !localizedProvider.isEmpty();
    }

    /** The first cookie declaration that matches {@code cookieName}, or null. */
    public CookieDeclaration cookieFor(String cookieName) {
        for (CookieDeclaration cookie : cookies) {
            if (cookie.matches(cookieName)) {
                return cookie;
            }
        }
        return null;
    }

    /** Builds a {@link Service}. */
    public static final class Builder {
        private final String id;
        private final String category;
        private String name;
        private String provider;
        private LocalizedText localizedName = LocalizedText.empty();
        private LocalizedText localizedProvider = LocalizedText.empty();
        private LocalizedText purpose = LocalizedText.empty();
        private URI privacyPolicyUrl;
        private final List<String> hosts = new ArrayList<>();
        private final List<CookieDeclaration> cookies = new ArrayList<>();
        private ConsentApi consentApi;

        private Builder(String id, String category) {
            this.id = id;
            this.category = category;
        }

        /** The display name; defaults to the provider. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * The display name in one language, where it differs between languages; {@link #name(String)}
         * gives the one for the default language and every language not given here.
         */
        public Builder name(String locale, String name) {
            this.localizedName = LocalizedText.of(locale, name).orElse(localizedName);
            return this;
        }

        /** The provider's name. Required. */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /**
         * The provider in one language, where it differs between languages; {@link #provider(String)}
         * is still required, for the default language and every language not given here.
         */
        public Builder provider(String locale, String provider) {
            this.localizedProvider = LocalizedText.of(locale, provider).orElse(localizedProvider);
            return this;
        }

        /** The purpose in one language. */
        public Builder purpose(String locale, String text) {
            this.purpose = LocalizedText.of(locale, text).orElse(purpose);
            return this;
        }

        /** The provider's privacy policy. */
        public Builder privacyPolicyUrl(String url) {
            this.privacyPolicyUrl = URI.create(url);
            return this;
        }

        /** A host the service contacts. */
        public Builder host(String host) {
            this.hosts.add(host);
            return this;
        }

        /** A cookie the service sets. */
        public Builder cookie(CookieDeclaration cookie) {
            this.cookies.add(cookie);
            return this;
        }

        /** The tool's own consent API that the banner passes the service's consent to. */
        public Builder consentApi(ConsentApi consentApi) {
            this.consentApi = consentApi;
            return this;
        }

        /** Builds the service, failing with a message that names the bad field. */
        public Service build() {
            return new Service(
                    id,
                    category,
                    name,
                    provider,
                    purpose,
                    privacyPolicyUrl,
                    hosts,
                    cookies,
                    localizedName,
                    localizedProvider,
                    consentApi);
        }
    }
}
