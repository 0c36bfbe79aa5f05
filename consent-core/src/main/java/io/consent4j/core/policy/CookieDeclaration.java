/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A cookie (or family of cookies) that a service sets. The name may contain {@code *} wildcards, each
 * matching any run of characters, such as {@code _ga_*} or {@code _pk_id.*}.
 *
 * @param name the cookie name or name pattern
 * @param lifetime how long the cookie lives
 * @param thirdParty whether a third party sets or reads it (another site than the one the visitor is on)
 * @param description what the cookie stores and why; required for cookies of required categories (C2)
 * @param domains the domains the cookie is set for, for expiring it on withdrawal; empty for host-only
 * @param paths the paths the cookie is set for; defaults to {@code "/"}
 */
public record CookieDeclaration(
        String name,
        CookieLifetime lifetime,
        boolean thirdParty,
        LocalizedText description,
        List<String> domains,
        List<String> paths) {

    /** The characters RFC 6265 allows in a cookie name, plus the wildcard. */
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,128}");

    private static final Pattern DOMAIN =
            Pattern.compile("\\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /** Validates the name, domains and paths, naming the bad value. */
    public CookieDeclaration {
        if (name == null || name.isBlank()) {
            throw PolicyValidationException.of("name", "cookie name must not be blank");
        }
        if (!NAME.matcher(name).matches()) {
            throw PolicyValidationException.of(
                    "name",
                    "'" + name + "' is not a valid cookie name or pattern: use the characters allowed in cookie"
                            + " names (no spaces, quotes, commas, semicolons, '=' or brackets) and '*' as wildcard");
        }
        if (name.contains("**")) {
            throw PolicyValidationException.of(
                    "name", "'" + name + "' is a malformed pattern: '**' is redundant, use a single '*'");
        }
        if (name.replace("*", "").isEmpty()) {
            throw PolicyValidationException.of(
                    "name", "'" + name + "' would match every cookie; give at least a fixed prefix such as '_ga_*'");
        }
        Objects.requireNonNull(lifetime, "lifetime");
        description = description == null ? LocalizedText.empty() : description;
        domains = List.copyOf(domains == null ? List.of() : domains);
        for (int i = 0; i < domains.size(); i++) {
            if (!DOMAIN.matcher(domains.get(i)).matches()) {
                throw PolicyValidationException.of(
                        "domains[" + i + "]", "'" + domains.get(i) + "' is not a lower-case domain name");
            }
        }
        paths = List.copyOf(paths == null || paths.isEmpty() ? List.of("/") : paths);
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == ';' || c == ',' || c >= 127)) {
                throw PolicyValidationException.of(
                        "paths[" + i + "]", "'" + path + "' is not a cookie path; it must start with '/'");
            }
        }
    }

    /** A first-party cookie with no description, host-only, on path {@code /}. */
    public static CookieDeclaration of(String name, String lifetime) {
        return new CookieDeclaration(name, CookieLifetime.of(lifetime), false, null, null, null);
    }

    /** A builder for a cookie declaration. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Whether the name is a pattern rather than one exact name. */
    public boolean isPattern() {
        return name.indexOf('*') >= 0;
    }

    /** Whether {@code cookieName} is this cookie or matches its pattern. */
    public boolean matches(String cookieName) {
        if (!isPattern()) {
            return name.equals(cookieName);
        }
        return glob(name, 0, cookieName, 0);
    }

    private static boolean glob(String pattern, int p, String text, int t) {
        // Iterative wildcard match with backtracking to the last star: linear for our patterns.
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** Builds a {@link CookieDeclaration}. */
    public static final class Builder {
        private final String name;
        private CookieLifetime lifetime = CookieLifetime.SESSION;
        private boolean thirdParty;
        private LocalizedText description = LocalizedText.empty();
        private final List<String> domains = new ArrayList<>();
        private final List<String> paths = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** The lifetime, such as {@code "session"} or {@code "P13M"}; default session. */
        public Builder lifetime(String lifetime) {
            this.lifetime = CookieLifetime.of(lifetime);
            return this;
        }

        /** Whether a third party sets or reads it; default false. */
        public Builder thirdParty(boolean thirdParty) {
            this.thirdParty = thirdParty;
            return this;
        }

        /** What the cookie stores and why, in one language. */
        public Builder description(String locale, String text) {
            this.description = LocalizedText.of(locale, text).orElse(description);
            return this;
        }

        /** A domain the cookie is set for. */
        public Builder domain(String domain) {
            this.domains.add(domain);
            return this;
        }

        /** A path the cookie is set for. */
        public Builder path(String path) {
            this.paths.add(path);
            return this;
        }

        /** Builds the declaration, failing with a message that names the bad field. */
        public CookieDeclaration build() {
            return new CookieDeclaration(name, lifetime, thirdParty, description, domains, paths);
        }
    }
}
