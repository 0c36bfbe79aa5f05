/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

/**
 * How a {@link ConsentFilter} behaves: the name of the consent cookie it reads, what it does with
 * cookies the policy does not declare, and the site's age-band hook. Immutable and thread-safe; build
 * one with {@link #builder()}, or take {@link #defaults()}.
 *
 * <p>Every setter of the {@linkplain Builder builder} checks its value at once and fails with an
 * {@link IllegalArgumentException} whose message names the setting and the bad value.
 */
public final class ConsentFilterSettings {

    /** The consent cookie's name unless set otherwise. */
    public static final String DEFAULT_COOKIE_NAME = "consent4j";

    private static final ConsentFilterSettings DEFAULTS = new Builder().build();

    private final String cookieName;
    private final UndeclaredCookies undeclaredCookies;
    private final AgeBandResolver ageBandResolver;
    private final CookieDropListener cookieDropListener;
    private final DecisionListener decisionListener;

    private ConsentFilterSettings(Builder b) {
        this.decisionListener = b.decisionListener;
        this.cookieName = b.cookieName;
        this.undeclaredCookies = b.undeclaredCookies;
        this.ageBandResolver = b.ageBandResolver;
        this.cookieDropListener = b.cookieDropListener;
    }

    /** The defaults: cookie {@value #DEFAULT_COOKIE_NAME}, undeclared cookies warned about, no age marks. */
    public static ConsentFilterSettings defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The name of the cookie that carries the signed consent. */
    public String cookieName() {
        return cookieName;
    }

    /** What happens to cookies the policy does not declare. */
    public UndeclaredCookies undeclaredCookies() {
        return undeclaredCookies;
    }

    /** The hook that tells the filter what the site knows of a visitor's age. */
    public AgeBandResolver ageBandResolver() {
        return ageBandResolver;
    }

    /** Told of every cookie the filter drops; {@link CookieDropListener#NONE} unless set. */
    public CookieDropListener cookieDropListener() {
        return cookieDropListener;
    }

    /** Told of every decision the filter makes; {@link DecisionListener#NONE} unless set. */
    public DecisionListener decisionListener() {
        return decisionListener;
    }

    @Override
    public String toString() {
        return "ConsentFilterSettings[cookieName=" + cookieName + ", undeclaredCookies=" + undeclaredCookies
                + ", ageBandResolver=" + (ageBandResolver == AgeBandResolver.UNSPECIFIED ? "UNSPECIFIED" : "custom")
                + "]";
    }

    /** Builds {@link ConsentFilterSettings}; each setter rejects a bad value with a message naming it. */
    public static final class Builder {
        private String cookieName = DEFAULT_COOKIE_NAME;
        private UndeclaredCookies undeclaredCookies = UndeclaredCookies.WARN;
        private AgeBandResolver ageBandResolver = AgeBandResolver.UNSPECIFIED;
        private CookieDropListener cookieDropListener = CookieDropListener.NONE;
        private DecisionListener decisionListener = DecisionListener.NONE;

        private Builder() {}

        /**
         * The consent cookie's name; default {@value ConsentFilterSettings#DEFAULT_COOKIE_NAME}. A
         * {@code __Host-} prefix is a good choice on HTTPS sites.
         *
         * @throws IllegalArgumentException when the name is not a valid cookie name
         */
        public Builder cookieName(String cookieName) {
            if (!CookieNames.valid(cookieName)) {
                throw new IllegalArgumentException(
                        "consent filter setting 'cookieName': '" + cookieName + "' " + CookieNames.RULE);
            }
            this.cookieName = cookieName;
            return this;
        }

        /**
         * What to do with cookies the policy does not declare; default {@link UndeclaredCookies#WARN}.
         *
         * @throws IllegalArgumentException when {@code undeclaredCookies} is null
         */
        public Builder undeclaredCookies(UndeclaredCookies undeclaredCookies) {
            if (undeclaredCookies == null) {
                throw new IllegalArgumentException(
                        "consent filter setting 'undeclaredCookies' must not be null; use WARN or DROP");
            }
            this.undeclaredCookies = undeclaredCookies;
            return this;
        }

        /**
         * The site's age-band hook; default {@link AgeBandResolver#UNSPECIFIED}.
         *
         * @throws IllegalArgumentException when {@code ageBandResolver} is null
         */
        public Builder ageBandResolver(AgeBandResolver ageBandResolver) {
            if (ageBandResolver == null) {
                throw new IllegalArgumentException("consent filter setting 'ageBandResolver' must not be null;"
                        + " use AgeBandResolver.UNSPECIFIED when the site marks no visitors");
            }
            this.ageBandResolver = ageBandResolver;
            return this;
        }

        /**
         * Told of every cookie the filter drops, for metrics; default {@link CookieDropListener#NONE}.
         *
         * @throws IllegalArgumentException when {@code cookieDropListener} is null
         */
        public Builder cookieDropListener(CookieDropListener cookieDropListener) {
            if (cookieDropListener == null) {
                throw new IllegalArgumentException("consent filter setting 'cookieDropListener' must not be null;"
                        + " use CookieDropListener.NONE");
            }
            this.cookieDropListener = cookieDropListener;
            return this;
        }

        /**
         * Told of every decision the filter makes and how long it took, for metrics; default
         * {@link DecisionListener#NONE}.
         *
         * @throws IllegalArgumentException when {@code decisionListener} is null
         */
        public Builder decisionListener(DecisionListener decisionListener) {
            if (decisionListener == null) {
                throw new IllegalArgumentException(
                        "consent filter setting 'decisionListener' must not be null;" + " use DecisionListener.NONE");
            }
            this.decisionListener = decisionListener;
            return this;
        }

        /** The settings. */
        public ConsentFilterSettings build() {
            return new ConsentFilterSettings(this);
        }
    }
}
