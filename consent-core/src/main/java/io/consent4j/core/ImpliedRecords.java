/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.ConsentState;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.Consent;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds the records a decision implies by itself for a {@link ConsentManager}: an expired consent that
 * came back (C18) and a signal that denied granted categories (C19), with the memory of which of them were
 * recorded already so that each is recorded once per consent. Thread-safe.
 */
final class ImpliedRecords {

    private final ConsentManager manager;
    private final Cache<String, Boolean> recordedOnce;

    ImpliedRecords(ConsentManager manager) {
        this.manager = manager;
        this.recordedOnce = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofDays(1))
                .build();
    }

    /** See {@link ConsentManager#impliesNewRecord(ConsentDecision, RequestSignals)}. */
    boolean impliesNewRecord(ConsentDecision decision, RequestSignals signals) {
        String key = impliedKey(decision, signals);
        return key != null && recordedOnce.getIfPresent(key) == null;
    }

    /**
     * The once-key of the record a decision implies, or null when it implies none: the event, the consent
     * id, the consent's issue time and, for an applied signal, which signals applied, so that GPC and DNT
     * are each recorded once per consent (C19).
     */
    private static String impliedKey(ConsentDecision decision, RequestSignals signals) {
        Consent consent = decision.consent();
        if (consent == null) {
            return null;
        }
        String prefix = consent.id() + ":" + consent.issuedAt().getEpochSecond();
        if (decision.state() == ConsentState.EXPIRED) {
            return ConsentEvent.EXPIRED + ":" + prefix;
        }
        if (!decision.deniedBySignal().isEmpty()) {
            return ConsentEvent.SIGNAL_APPLIED + ":" + prefix + ":" + signalNames(signals);
        }
        return null;
    }

    private static Set<String> signalNames(RequestSignals signals) {
        Set<String> names = new TreeSet<>();
        if (signals.globalPrivacyControl()) {
            names.add("gpc");
        }
        if (signals.doNotTrack()) {
            names.add("dnt");
        }
        return names;
    }

    /** See {@link ConsentManager#recordImplied(ConsentDecision, ChoiceContext)}. */
    Optional<ConsentRecord> record(ConsentDecision decision, ChoiceContext context) {
        String key = impliedKey(decision, context.signals());
        if (key == null || recordedOnce.getIfPresent(key) != null) {
            return Optional.empty();
        }
        ConsentPolicy policy = manager.policy();
        Consent consent = decision.consent();
        ConsentEvent event =
                decision.state() == ConsentState.EXPIRED ? ConsentEvent.EXPIRED : ConsentEvent.SIGNAL_APPLIED;
        Set<String> signals = signalNames(context.signals());
        List<ConsentRecord> history = manager.ledger().findByConsentId(consent.id());
        boolean already = history.stream()
                .anyMatch(r -> r.content().event() == event
                        && !r.recordedAt().isBefore(consent.issuedAt())
                        && (event != ConsentEvent.SIGNAL_APPLIED
                                || r.content().signals().containsAll(signals)));
        if (already) {
            recordedOnce.put(key, Boolean.TRUE);
            return Optional.empty();
        }
        Set<String> categories = new LinkedHashSet<>();
        Set<String> services = new LinkedHashSet<>();
        if (event == ConsentEvent.SIGNAL_APPLIED) {
            decision.allowedCategories().stream()
                    .filter(c -> policy.category(c).isPresent())
                    .forEach(categories::add);
            decision.allowedServices().stream()
                    .filter(s -> policy.service(s).isPresent())
                    .forEach(services::add);
        }
        ChoiceContext system = context.bySystem(null);
        RecordContent draft = manager.draft(event, consent.id(), system)
                .method(event == ConsentEvent.EXPIRED ? ConsentMethod.EXPIRY : ConsentMethod.SIGNAL)
                .granted(categories, services)
                .build();
        ConsentRecord record = manager.ledger().append(draft);
        // Remembered only once stored: a failed append is tried again on a later request.
        recordedOnce.put(key, Boolean.TRUE);
        return Optional.of(record);
    }
}
