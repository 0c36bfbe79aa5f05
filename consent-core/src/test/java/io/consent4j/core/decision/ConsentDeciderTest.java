/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.decision;

import static io.consent4j.core.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.Fixtures;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.AgeBand;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.ConsentId;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.SigningKeys;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentDeciderTest {

    private static final Set<String> NECESSARY = Set.of("necessary");
    private static final Set<String> NECESSARY_SERVICES = Set.of("session", "payment");

    private final ConsentPolicy policy = Fixtures.policy();
    private final CookieConsentCodec codec = Fixtures.codec();
    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(NOW.plusSeconds(60));
    private final ConsentDecider decider =
            ConsentDecider.builder(policy, codec).clock(clock).recordStats(true).build();

    private String cookie(Consent consent) {
        return codec.encode(consent, policy);
    }

    private String accepted() {
        return cookie(Fixtures.consent(
                policy,
                Set.of("functional", "analytics", "marketing"),
                Set.of("video", "chat", "fonts", "matomo", "google-analytics", "hotjar", "newsletter", "meta-pixel")));
    }

    @Test
    void firstVisitAllowsOnlyNecessaryAndShowsBanner_C1() {
        ConsentDecision decision = decider.decide(null, RequestSignals.NONE);

        assertThat(decision.state()).isEqualTo(ConsentState.UNDECIDED);
        assertThat(decision.showBanner()).isTrue();
        assertThat(decision.allowedCategories()).isEqualTo(NECESSARY);
        assertThat(decision.allowedServices()).isEqualTo(NECESSARY_SERVICES);
        assertThat(decision.reasons()).containsExactly(DecisionReason.NO_COOKIE);
        assertThat(decision.consentIfAny()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "AQJrMQ", "%%%", "eyJhbGciOiJub25lIn0.e30."})
    void unreadableCookieIsSilenceNotConsent_C3(String value) {
        ConsentDecision decision = decider.decide(value, RequestSignals.NONE);

        assertThat(decision.state()).isEqualTo(ConsentState.UNDECIDED);
        assertThat(decision.allowedCategories()).isEqualTo(NECESSARY);
        assertThat(decision.allowedServices()).isEqualTo(NECESSARY_SERVICES);
        assertThat(decision.showBanner()).isTrue();
    }

    @Test
    void tamperedCookieMeansNoConsent() {
        String genuine = accepted();
        String tampered = Fixtures.forged(genuine);

        ConsentDecision decision = decider.decide(tampered, RequestSignals.NONE);

        assertThat(decision.state()).isEqualTo(ConsentState.UNDECIDED);
        assertThat(decision.reasons()).containsExactly(DecisionReason.INVALID_COOKIE);
        assertThat(decision.allows("analytics")).isFalse();
    }

    @Test
    void acceptAllAllowsEveryCategoryAndService() {
        ConsentDecision decision = decider.decide(accepted(), RequestSignals.NONE);

        assertThat(decision.state()).isEqualTo(ConsentState.DECIDED);
        assertThat(decision.showBanner()).isFalse();
        assertThat(decision.allowedCategories())
                .containsExactlyInAnyOrder("necessary", "functional", "analytics", "marketing");
        assertThat(decision.allowedServices()).hasSize(10);
        assertThat(decision.reasons()).containsExactly(DecisionReason.VALID_CONSENT);
    }

    @Test
    void customChoiceAllowsExactlyWhatWasGrantedPerCategoryAndService_C8() {
        String value = cookie(Fixtures.consent(policy, Set.of("analytics"), Set.of("matomo", "video")));

        ConsentDecision decision = decider.decide(value, RequestSignals.NONE);

        assertThat(decision.allowedCategories()).containsExactlyInAnyOrder("necessary", "analytics");
        assertThat(decision.allowedServices()).containsExactlyInAnyOrder("session", "payment", "matomo", "video");
        assertThat(decision.allows("google-analytics")).isFalse();
        assertThat(decision.allows("functional")).isFalse();
        assertThat(decision.allows("video")).isTrue();
        assertThat(decision.allows("no-such-thing")).isFalse();
    }

    @Test
    void refusalIsKeptAndBannerStaysClosedUntilReaskInterval_C16() {
        String refusal = cookie(Fixtures.consent(policy, Set.of(), Set.of()));

        ConsentDecision soon = decider.decide(refusal, RequestSignals.NONE);
        clock.set(NOW.atOffset(ZoneOffset.UTC).plusMonths(6).minusSeconds(1).toInstant());
        ConsentDecision beforeInterval = decider.decide(refusal, RequestSignals.NONE);

        assertThat(soon.state()).isEqualTo(ConsentState.DECIDED);
        assertThat(soon.showBanner()).isFalse();
        assertThat(soon.allowedCategories()).isEqualTo(NECESSARY);
        assertThat(beforeInterval.showBanner()).isFalse();
    }

    @Test
    void reaskIntervalShowsBannerAgainWhileConsentStillCounts_C16() {
        ConsentPolicy shortReask =
                policy.toBuilder().consentLifetimeMonths(12).reaskAfterMonths(3).build();
        ConsentDecider decider =
                ConsentDecider.builder(shortReask, codec).clock(clock).build();
        Consent consent = new Consent(
                ConsentId.random(),
                shortReask.version(),
                Set.of("analytics"),
                Set.of("matomo"),
                NOW,
                NOW.atOffset(ZoneOffset.UTC).plusMonths(12).toInstant(),
                false,
                AgeBand.UNSPECIFIED,
                false);
        String value = codec.encode(consent, shortReask);

        clock.set(NOW.atOffset(ZoneOffset.UTC).plusMonths(3).toInstant());
        ConsentDecision decision = decider.decide(value, RequestSignals.NONE);

        assertThat(decision.state()).isEqualTo(ConsentState.DECIDED);
        assertThat(decision.showBanner()).isTrue();
        assertThat(decision.reasons()).contains(DecisionReason.REASK_DUE);
        assertThat(decision.allows("matomo")).isTrue();
    }

    @Test
    void expiredConsentAllowsOnlyNecessaryAndAsksAgain_C18() {
        String value = accepted();
        decider.decide(value, RequestSignals.NONE);

        clock.set(NOW.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant());
        ConsentDecision decision = decider.decide(value, RequestSignals.NONE);

        assertThat(decision.state()).isEqualTo(ConsentState.EXPIRED);
        assertThat(decision.showBanner()).isTrue();
        assertThat(decision.allowedCategories()).isEqualTo(NECESSARY);
        assertThat(decision.reasons()).containsExactly(DecisionReason.CONSENT_EXPIRED);
        assertThat(decision.consentIfAny())
                .as("kept so that the expiry can be recorded")
                .isPresent();
    }

    @Test
    void materialPolicyChangeAsksAgain_C17() {
        ConsentPolicy changed = policy.toBuilder()
                .version(3)
                .category(Category.builder("personalization")
                        .label("de", "Personalisierung")
                        .build())
                .build();
        ConsentDecider decider =
                ConsentDecider.builder(changed, codec).clock(clock).build();

        ConsentDecision decision = decider.decide(accepted(), RequestSignals.NONE);

        assertThat(decision.state()).isEqualTo(ConsentState.OUTDATED);
        assertThat(decision.showBanner()).isTrue();
        assertThat(decision.allowedCategories()).isEqualTo(NECESSARY);
        assertThat(decision.reasons()).containsExactly(DecisionReason.POLICY_CHANGED);
    }

    @Test
    void editorialPolicyChangeKeepsConsent_C17() {
        ConsentPolicy edited = policy.toBuilder()
                .replaceCategory(
                        Category.builder("analytics").label("de", "Analyse").build())
                .removeService("hotjar")
                .build();
        ConsentDecider decider =
                ConsentDecider.builder(edited, codec).clock(clock).build();

        ConsentDecision decision = decider.decide(accepted(), RequestSignals.NONE);

        assertThat(edited.contentHash()).isNotEqualTo(policy.contentHash());
        assertThat(decision.state()).isEqualTo(ConsentState.DECIDED);
        assertThat(decision.showBanner()).isFalse();
        assertThat(decision.allowedServices())
                .contains("matomo", "google-analytics")
                .doesNotContain("hotjar");
    }

    @Test
    void globalPrivacyControlDeniesMarketingGrantedBeforeTheSignal_C19() {
        ConsentDecision decision = decider.decide(accepted(), RequestSignals.fromHeaders("1", null));

        assertThat(decision.allowedCategories()).containsExactlyInAnyOrder("necessary", "functional", "analytics");
        assertThat(decision.allowedServices())
                .doesNotContain("newsletter", "meta-pixel")
                .contains("matomo");
        assertThat(decision.deniedBySignal()).containsExactly("marketing");
        assertThat(decision.reasons()).contains(DecisionReason.SIGNAL_OBJECTION);
    }

    @Test
    void doNotTrackObjectsLikeGlobalPrivacyControl_C19() {
        ConsentDecision decision = decider.decide(accepted(), RequestSignals.fromHeaders(null, " 1 "));

        assertThat(decision.allows("marketing")).isFalse();
        assertThat(decision.allows("meta-pixel")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "true", "yes", "11"})
    void onlyTheValueOneCountsAsSignal_C19(String header) {
        assertThat(RequestSignals.fromHeaders(header, header).objects()).isFalse();
    }

    @Test
    void signalNeverGrantsAnything_C19() {
        ConsentDecision decision = decider.decide(null, RequestSignals.fromHeaders("1", "1"));

        assertThat(decision.state()).isEqualTo(ConsentState.UNDECIDED);
        assertThat(decision.allowedCategories()).isEqualTo(NECESSARY);
    }

    @Test
    void explicitGrantUnderTheSignalIsHonoured_C19() {
        Consent base = Fixtures.consent(policy, Set.of("marketing"), Set.of("newsletter"));
        Consent underSignal = Fixtures.withMarks(base, false, AgeBand.UNSPECIFIED, true);

        ConsentDecision decision = decider.decide(cookie(underSignal), RequestSignals.fromHeaders("1", null));

        assertThat(decision.allows("marketing")).isTrue();
        assertThat(decision.allows("newsletter")).isTrue();
        assertThat(decision.deniedBySignal()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNDER_16", "UNKNOWN"})
    void minorWithoutParentalConsentGetsOnlyNecessary_C28(AgeBand band) {
        ConsentDecision decision = decider.decide(accepted(), RequestSignals.NONE.withAgeBand(band));

        assertThat(decision.state()).isEqualTo(ConsentState.DECIDED);
        assertThat(decision.allowedCategories()).isEqualTo(NECESSARY);
        assertThat(decision.allowedServices()).isEqualTo(NECESSARY_SERVICES);
        assertThat(decision.parentalConsentRequired()).isTrue();
    }

    @Test
    void minorWithParentalConsentGetsWhatTheParentGranted_C28() {
        Consent base = Fixtures.consent(policy, Set.of("functional"), Set.of("video"));
        Consent parental = Fixtures.withMarks(base, true, AgeBand.UNDER_16, false);

        ConsentDecision decision = decider.decide(cookie(parental), RequestSignals.NONE.withAgeBand(AgeBand.UNDER_16));

        assertThat(decision.allows("video")).isTrue();
        assertThat(decision.parentalConsentRequired()).isFalse();
    }

    @Test
    void consentGivenAsMinorWithoutParentDoesNotCountOnUnmarkedPages_C28() {
        Consent base = Fixtures.consent(policy, Set.of("functional"), Set.of("video"));
        Consent minor = Fixtures.withMarks(base, false, AgeBand.UNDER_16, false);

        ConsentDecision decision = decider.decide(cookie(minor), RequestSignals.NONE);

        assertThat(decision.allows("video")).isFalse();
        assertThat(decision.parentalConsentRequired()).isTrue();
    }

    @Test
    void undecidedMinorIsToldAParentMustConsent_C28() {
        ConsentDecision decision = decider.decide(null, RequestSignals.NONE.withAgeBand(AgeBand.UNKNOWN));

        assertThat(decision.showBanner()).isTrue();
        assertThat(decision.parentalConsentRequired()).isTrue();
    }

    @Test
    void returningVisitorIsServedFromTheCacheWithoutVerifyingAgain() {
        String value = accepted();

        ConsentDecision first = decider.decide(value, RequestSignals.NONE);
        ConsentDecision second = decider.decide(value, RequestSignals.NONE);

        assertThat(second).isEqualTo(first);
        assertThat(decider.cacheStats().missCount()).isEqualTo(1);
        assertThat(decider.cacheStats().hitCount()).isEqualTo(1);
    }

    @Test
    void manyVisitorsSharingCacheSlotsEachGetTheirOwnDecision_C3() {
        ConsentDecider uncached =
                ConsentDecider.builder(policy, codec).clock(clock).cacheSize(0).build();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // more visitors than slots in front of the cache: slots are shared
            Set<String> categories = i % 2 == 0 ? Set.of("analytics") : Set.of("marketing");
            values.add(cookie(new Consent(
                    new ConsentId(i, i * 31L + 7),
                    policy.version(),
                    categories,
                    Set.of(),
                    NOW,
                    NOW.plusSeconds(86_400),
                    false,
                    AgeBand.UNSPECIFIED,
                    false)));
        }

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < values.size(); i += round + 1) {
                String value = values.get(i);
                assertThat(decider.decide(value, RequestSignals.NONE))
                        .as("visitor %d in round %d", i, round)
                        .isEqualTo(uncached.decide(value, RequestSignals.NONE));
            }
        }
        assertThat(decider.cacheStats().missCount()).isEqualTo(600);
    }

    @Test
    void cacheEntriesPastTheirTtlAreVerifiedAgain() {
        ConsentDecider shortLived = ConsentDecider.builder(policy, codec)
                .clock(clock)
                .cacheTtl(Duration.ofNanos(1))
                .recordStats(true)
                .build();
        String value = accepted();

        shortLived.decide(value, RequestSignals.NONE);
        // The TTL runs on System.nanoTime(), whose steps may be coarser than the first decision took: the
        // entry is past its nanosecond once that clock has moved on from a reading taken after the decision.
        long decided = System.nanoTime();
        while (System.nanoTime() == decided) {
            Thread.onSpinWait();
        }
        shortLived.decide(value, RequestSignals.NONE);

        assertThat(shortLived.cacheStats().missCount()).isEqualTo(2);
        assertThat(shortLived.cacheStats().hitCount()).isZero();
    }

    @Test
    void cachedCookieStillExpiresByTheClock_C18() {
        String value = accepted();
        assertThat(decider.decide(value, RequestSignals.NONE).state()).isEqualTo(ConsentState.DECIDED);

        clock.advance(Duration.ofDays(200));

        assertThat(decider.decide(value, RequestSignals.NONE).state()).isEqualTo(ConsentState.EXPIRED);
    }

    @Test
    void cookieFromAnotherSiteKeyIsNoConsent() {
        CookieConsentCodec otherSite = new CookieConsentCodec(SigningKeys.of(Fixtures.key("k1", 99)));
        String forged = otherSite.encode(Fixtures.consent(policy, Set.of("marketing"), Set.of("meta-pixel")), policy);

        assertThat(decider.decide(forged, RequestSignals.NONE).allows("marketing"))
                .isFalse();
    }

    @Test
    void pureFunctionAgreesWithTheCachingDecider() {
        String value = accepted();

        ConsentDecision pure =
                ConsentDecider.decide(policy, codec.verify(value, policy), RequestSignals.NONE, clock.instant());

        assertThat(pure).isEqualTo(decider.decide(value, RequestSignals.NONE));
    }

    @Test
    void rememberedDecisionChangesExactlyWhereTheCookieBecomesValidAsksAgainAndExpires_C16_C18() {
        Consent consent = Fixtures.consent(policy, Set.of("analytics"), Set.of("matomo"));
        String value = cookie(consent);
        java.time.Instant valid = consent.issuedAt().minusSeconds(CookieConsentCodec.CLOCK_SKEW_SECONDS);
        java.time.Instant reask = consent.issuedAt()
                .atOffset(ZoneOffset.UTC)
                .plusMonths(policy.reaskAfterMonths())
                .toInstant();
        java.util.List<java.time.Instant> instants = new java.util.ArrayList<>();
        for (java.time.Instant edge : java.util.List.of(valid, reask, consent.expiresAt())) {
            instants.add(edge.minusMillis(1));
            instants.add(edge);
            instants.add(edge.plusMillis(1));
        }
        java.util.List<java.time.Instant> forthAndBack = new java.util.ArrayList<>(instants);
        java.util.Collections.reverse(instants);
        forthAndBack.addAll(instants);
        forthAndBack.add(valid.minusSeconds(1));

        for (java.time.Instant now : forthAndBack) {
            clock.set(now);
            ConsentDecision pure = ConsentDecider.decide(policy, codec.verify(value, policy), RequestSignals.NONE, now);

            assertThat(decider.decide(value, RequestSignals.NONE))
                    .as("at %s", now)
                    .isEqualTo(pure);
        }
    }

    @Test
    void requestWithoutCookieGetsTheSameDecisionAsThePureFunction_C1() {
        ConsentDecision pure =
                ConsentDecider.decide(policy, codec.verify(null, policy), RequestSignals.NONE, clock.instant());

        assertThat(decider.decide(null, RequestSignals.NONE)).isEqualTo(pure);
        assertThat(decider.decide("", RequestSignals.NONE)).isEqualTo(pure);
    }

    @Test
    void onlyTheAbsenceOfEverySignalAndAgeMarkCountsAsNone_C19_C28() {
        assertThat(RequestSignals.NONE.isNone()).isTrue();
        assertThat(RequestSignals.fromHeaders(" 0 ", null).isNone()).isTrue();
        assertThat(RequestSignals.fromHeaders("1", null).isNone()).isFalse();
        assertThat(RequestSignals.fromHeaders(null, "1").isNone()).isFalse();
        assertThat(RequestSignals.NONE.withAgeBand(AgeBand.UNDER_16).isNone()).isFalse();
        assertThat(RequestSignals.NONE.withAgeBand(AgeBand.UNSPECIFIED).isNone())
                .isTrue();
    }
}
