/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.decision;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.DecodedCookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what a request may do, from the policy, the consent cookie, the request's signals and the
 * clock.
 *
 * <p>The rules (each a line of COMPLIANCE.md): required categories are always allowed; nothing else
 * without a genuine, unexpired consent for the current policy version (C1, C3, C17, C18); GPC and DNT
 * deny sale/share categories unless the visitor granted them while sending the signal, and never
 * grant anything (C19); a visitor marked under 16 or of unknown age gets required categories only
 * until a parent consents (C28); the banner shows again after the re-ask interval (C16).
 *
 * <p>{@link #decide(ConsentPolicy, DecodedCookie, RequestSignals, Instant)} is the pure function. An
 * instance adds a bounded, expiring Caffeine cache of verified cookie values, each with what it allows
 * when no signal objects, so a returning visitor's decision does no HMAC work and builds no sets.
 * Instances are thread-safe; make one per policy.
 */
public final class ConsentDecider {

    private final ConsentPolicy policy;
    private final CookieConsentCodec codec;
    private final Clock clock;
    /** The verified cookie values with what each allows when no signal objects. */
    private final VerifiedCookieCache<Verified> verified;
    /** The decision for a request without a consent cookie and without signals, which never changes. */
    private final ConsentDecision noCookie;

    private ConsentDecider(Builder b) {
        this.policy = b.policy;
        this.codec = b.codec;
        this.clock = b.clock;
        this.verified = new VerifiedCookieCache<>(
                b.cacheSize, b.cacheTtl, b.recordStats, value -> new Verified(codec.verify(value, policy), policy));
        this.noCookie = decide(policy, codec.verify(null, policy), RequestSignals.NONE, Instant.EPOCH);
    }

    /** A builder for a decider of {@code policy} that reads cookies with {@code codec}. */
    public static Builder builder(ConsentPolicy policy, CookieConsentCodec codec) {
        return new Builder(policy, codec);
    }

    /** The policy this decider applies. */
    public ConsentPolicy policy() {
        return policy;
    }

    /** The codec this decider reads cookies with. */
    public CookieConsentCodec codec() {
        return codec;
    }

    /** The clock this decider judges expiry by. */
    public Clock clock() {
        return clock;
    }

    /**
     * Decides a request with consent cookie value {@code cookieValue} (null when absent). Never throws
     * for any cookie value: bad ones mean "no consent".
     */
    public ConsentDecision decide(String cookieValue, RequestSignals signals) {
        Objects.requireNonNull(signals, "signals");
        if (cookieValue == null || cookieValue.isEmpty()) {
            return signals.isNone() ? noCookie : decide(policy, codec.verify(null, policy), signals, clock.instant());
        }
        Verified entry = verified.get(cookieValue);
        if (signals.isNone()) {
            // Most requests: no signal, and a decision that stays the same between the cookie's instants.
            long now = clock.millis();
            Remembered remembered = entry.remembered;
            if (remembered != null && remembered.holdsAt(now)) {
                return remembered.decision;
            }
            Instant instant = Instant.ofEpochMilli(now);
            ConsentDecision decision = decide(policy, entry.cookie, entry.reaskAt, entry.grants, signals, instant);
            entry.remembered = Remembered.of(decision, entry, now);
            return decision;
        }
        return decide(policy, entry.cookie, entry.reaskAt, entry.grants, signals, clock.instant());
    }

    /** Reads a cookie value at this decider's clock, through the cache. */
    public DecodedCookie read(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return codec.verify(null, policy);
        }
        Verified entry = verified.get(cookieValue);
        return entry.cookie.at(clock.instant(), CookieConsentCodec.CLOCK_SKEW_SECONDS);
    }

    /**
     * Statistics of the verified-cookie cache, when enabled on the builder; empty without a cache. Hits of
     * the small array of most recent entries in front of the cache count as hits.
     */
    public CacheStats cacheStats() {
        return verified.stats();
    }

    /**
     * The decision as a pure function of its inputs.
     *
     * @param policy the current policy
     * @param cookie the verified cookie (judged against {@code now} here)
     * @param signals the request's GPC, DNT and age band
     * @param now the current time
     */
    public static ConsentDecision decide(
            ConsentPolicy policy, DecodedCookie cookie, RequestSignals signals, Instant now) {
        return decide(policy, cookie, reaskAt(cookie, policy), null, signals, now);
    }

    /** The decision; {@code unobjected} is what the consent allows when no signal objects, or null. */
    private static ConsentDecision decide(
            ConsentPolicy policy,
            DecodedCookie verifiedCookie,
            Instant reaskAt,
            Grants unobjected,
            RequestSignals signals,
            Instant now) {
        DecodedCookie cookie = verifiedCookie.at(now, CookieConsentCodec.CLOCK_SKEW_SECONDS);
        Set<DecisionReason> reasons = EnumSet.noneOf(DecisionReason.class);
        Consent consent = cookie.consent();
        boolean minor = signals.ageBand().needsParentalConsent()
                || (consent != null && consent.ageBand().needsParentalConsent());
        switch (cookie.status()) {
            case ABSENT -> reasons.add(DecisionReason.NO_COOKIE);
            case EXPIRED -> reasons.add(DecisionReason.CONSENT_EXPIRED);
            case VALID -> {
                if (consent.policyVersion() != policy.version()) {
                    reasons.add(DecisionReason.POLICY_CHANGED);
                }
            }
            default -> reasons.add(DecisionReason.INVALID_COOKIE);
        }
        if (!reasons.isEmpty()) {
            ConsentState state = reasons.contains(DecisionReason.CONSENT_EXPIRED)
                    ? ConsentState.EXPIRED
                    : reasons.contains(DecisionReason.POLICY_CHANGED) ? ConsentState.OUTDATED : ConsentState.UNDECIDED;
            if (minor) {
                reasons.add(DecisionReason.PARENTAL_CONSENT_REQUIRED);
            }
            Consent behind = state == ConsentState.UNDECIDED ? null : consent;
            return necessaryOnly(policy, state, true, reasons, behind);
        }

        reasons.add(DecisionReason.VALID_CONSENT);
        boolean showBanner = reaskAt != null && !now.isBefore(reaskAt);
        if (showBanner) {
            reasons.add(DecisionReason.REASK_DUE);
        }
        if (minor && !consent.parentalConsent()) {
            reasons.add(DecisionReason.PARENTAL_CONSENT_REQUIRED);
            return necessaryOnly(policy, ConsentState.DECIDED, showBanner, reasons, consent);
        }

        boolean objecting = signals.objects() && !consent.grantedUnderSignal();
        Grants grants = unobjected != null && !objecting ? unobjected : Grants.of(policy, consent, objecting);
        if (!grants.deniedBySignal().isEmpty()) {
            reasons.add(DecisionReason.SIGNAL_OBJECTION);
        }
        return new ConsentDecision(
                ConsentState.DECIDED,
                grants.categories(),
                grants.services(),
                showBanner,
                reasons,
                consent,
                grants.deniedBySignal());
    }

    private static ConsentDecision necessaryOnly(
            ConsentPolicy policy,
            ConsentState state,
            boolean showBanner,
            Set<DecisionReason> reasons,
            Consent consent) {
        return new ConsentDecision(
                state,
                policy.requiredCategoryIds(),
                policy.requiredServiceIds(),
                showBanner,
                reasons,
                consent,
                Set.of());
    }

    private static Instant reaskAt(DecodedCookie cookie, ConsentPolicy policy) {
        Consent consent = cookie.consent();
        if (consent == null) {
            return null;
        }
        return consent.issuedAt()
                .atOffset(ZoneOffset.UTC)
                .plusMonths(policy.reaskAfterMonths())
                .toInstant();
    }

    /**
     * What a valid consent allows under a policy: the required categories and services plus the granted
     * ones the policy knows, less the sale/share categories and their services when GPC or DNT objects
     * (C19). The sets are immutable, so {@link ConsentDecision} takes them without copying.
     */
    private record Grants(Set<String> categories, Set<String> services, Set<String> deniedBySignal) {

        static Grants of(ConsentPolicy policy, Consent consent, boolean objecting) {
            Set<String> categories = new HashSet<>(policy.requiredCategoryIds());
            Set<String> services = new HashSet<>(policy.requiredServiceIds());
            Set<String> deniedBySignal = Set.of();
            for (String id : consent.grantedCategories()) {
                if (objecting && policy.saleOrShareCategoryIds().contains(id)) {
                    deniedBySignal = deniedBySignal.isEmpty() ? new HashSet<>() : deniedBySignal;
                    deniedBySignal.add(id);
                } else if (policy.category(id).isPresent()) {
                    categories.add(id);
                }
            }
            for (String id : consent.grantedServices()) {
                policy.service(id).ifPresent(service -> {
                    if (!(objecting && policy.saleOrShareCategoryIds().contains(service.category()))) {
                        services.add(id);
                    }
                });
            }
            return new Grants(Set.copyOf(categories), Set.copyOf(services), Set.copyOf(deniedBySignal));
        }
    }

    /**
     * A verified cookie, when it asks again, and what its consent allows when no signal objects (null
     * without a consent): computed once per cookie value, as they depend only on the value and the policy.
     */
    private static final class Verified {
        final DecodedCookie cookie;
        final Instant reaskAt;
        final Grants grants;
        /** The decision without signals, at the last instant asked; racing requests may each replace it. */
        volatile Remembered remembered;

        Verified(DecodedCookie cookie, ConsentPolicy policy) {
            this.cookie = cookie;
            this.reaskAt = reaskAt(cookie, policy);
            this.grants = cookie.consent() == null ? null : Grants.of(policy, cookie.consent(), false);
        }
    }

    /**
     * A decision without signals and the milliseconds {@code [from, until)} over which it holds. The
     * decision changes only where the cookie becomes valid (its issue time less the clock skew), asks
     * again, or expires; all three are whole seconds, so comparing milliseconds is exact.
     */
    private record Remembered(ConsentDecision decision, long from, long until) {

        static Remembered of(ConsentDecision decision, Verified entry, long now) {
            long from = Long.MIN_VALUE;
            long until = Long.MAX_VALUE;
            Consent consent = entry.cookie.consent();
            if (consent != null) {
                long[] instants = {
                    consent.issuedAt()
                            .minusSeconds(CookieConsentCodec.CLOCK_SKEW_SECONDS)
                            .toEpochMilli(),
                    consent.expiresAt().toEpochMilli(),
                    entry.reaskAt.toEpochMilli()
                };
                for (long instant : instants) {
                    if (instant <= now) {
                        from = Math.max(from, instant);
                    } else {
                        until = Math.min(until, instant);
                    }
                }
            }
            return new Remembered(decision, from, until);
        }

        boolean holdsAt(long now) {
            return now >= from && now < until;
        }
    }

    /** Builds a {@link ConsentDecider}. */
    public static final class Builder {
        private final ConsentPolicy policy;
        private final CookieConsentCodec codec;
        private Clock clock = Clock.systemUTC();
        private long cacheSize = 100_000;
        private Duration cacheTtl = Duration.ofMinutes(30);
        private boolean recordStats;

        private Builder(ConsentPolicy policy, CookieConsentCodec codec) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.codec = Objects.requireNonNull(codec, "codec");
        }

        /** The clock; default the system UTC clock. Tests pass a fixed one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How many verified cookie values to keep; default 100,000 (about 30 MB at most). 0 turns the
         * cache off, so that every request checks the cookie's HMAC.
         */
        public Builder cacheSize(long cacheSize) {
            if (cacheSize < 0) {
                throw new IllegalArgumentException("cacheSize must not be negative, was " + cacheSize);
            }
            this.cacheSize = cacheSize;
            return this;
        }

        /** How long a verified cookie value stays cached; default 30 minutes. */
        public Builder cacheTtl(Duration cacheTtl) {
            if (cacheTtl == null || cacheTtl.isNegative() || cacheTtl.isZero()) {
                throw new IllegalArgumentException("cacheTtl must be positive, was " + cacheTtl);
            }
            this.cacheTtl = cacheTtl;
            return this;
        }

        /** Whether the cache records hit and miss statistics; default false. */
        public Builder recordStats(boolean recordStats) {
            this.recordStats = recordStats;
            return this;
        }

        /** Builds the decider. */
        public ConsentDecider build() {
            return new ConsentDecider(this);
        }
    }
}
