/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.ConsentId;
import io.consent4j.core.token.DecodedCookie;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One choice across a signed-in visitor's devices: the records of an account reference (see
 * {@link io.consent4j.core.ledger.AccountReferences}) say what the visitor chose last, on whichever
 * device, and this brings that choice to another device's cookie.
 *
 * <p>Only choices the visitor made count ({@code given}, {@code updated}, {@code withdrawn}, actor
 * {@code visitor}), and only under the policy in force: a choice under an older version was about other
 * purposes, so the device is asked again. A {@linkplain #restore restore} is itself recorded, for the
 * device's consent id, with method {@code account_restore}, collection point and actor {@code system},
 * the granted categories and services of the choice it copies, and that choice's consent id under
 * {@value #SOURCE_DETAIL}; a restored consent ends when the choice it copies ends, so a restore never
 * makes a consent last longer. A withdrawal is never copied into a record of its own: another device
 * {@linkplain #adopt adopts} it, getting a cookie issued from the withdrawal's own record.
 *
 * <p>Get one from {@link ConsentManager#accounts()}; thread-safe.
 */
public final class AccountConsents {

    /** The detail of a restore record that names the consent id of the choice it copies. */
    public static final String SOURCE_DETAIL = "restoredFrom";

    private final ConsentManager manager;

    AccountConsents(ConsentManager manager) {
        this.manager = manager;
    }

    /**
     * The newest choice the visitor of {@code accountRef} made under the policy in force: a
     * {@code given}, {@code updated} or {@code withdrawn} record by the visitor; empty when there is none.
     * Reads every record of the account from the ledger (an indexed query on the JDBC stores).
     */
    public Optional<ConsentRecord> latestChoice(String accountRef) {
        if (accountRef == null || accountRef.isEmpty()) {
            return Optional.empty();
        }
        List<ConsentRecord> records = manager.ledger().findByAccountRef(accountRef);
        int version = manager.policy().version();
        for (int i = records.size() - 1; i >= 0; i--) {
            ConsentRecord record = records.get(i);
            if (isChoice(record.content()) && record.content().policyVersion() == version) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    private static boolean isChoice(RecordContent content) {
        return content.actor() == Actor.VISITOR
                && content.method() != ConsentMethod.ACCOUNT_RESTORE
                && (content.event() == ConsentEvent.GIVEN
                        || content.event() == ConsentEvent.UPDATED
                        || content.event() == ConsentEvent.WITHDRAWN);
    }

    /** Whether {@code choice} is a withdrawal, which is adopted rather than restored. */
    public static boolean isWithdrawal(ConsentRecord choice) {
        return choice.content().event() == ConsentEvent.WITHDRAWN;
    }

    /**
     * Whether a device whose cookie holds {@code consent} should take {@code choice} over: the choice was
     * recorded no earlier than the cookie was issued (cookies count whole seconds) and grants something
     * else. A cookie issued from the choice itself, or from a restore of it, grants the same, so a device
     * is never handed what it has.
     */
    public boolean isNewerThan(ConsentRecord choice, Consent consent) {
        if (choice.recordedAt().getEpochSecond() < consent.issuedAt().getEpochSecond()) {
            return false;
        }
        return !optionalCategories(choice).equals(consent.grantedCategories())
                || !choice.content().grantedServices().equals(consent.grantedServices());
    }

    /** Whether the consent {@code choice} gave has run out by now (C18). */
    public boolean hasEnded(ConsentRecord choice) {
        // Cookies count whole seconds: a consent must still have one to live.
        return endOf(choice).getEpochSecond() <= manager.clock().instant().getEpochSecond();
    }

    private Instant endOf(ConsentRecord choice) {
        return choice.recordedAt()
                .atOffset(ZoneOffset.UTC)
                .plusMonths(manager.policy().consentLifetimeMonths())
                .toInstant();
    }

    private Set<String> optionalCategories(ConsentRecord choice) {
        ConsentPolicy policy = manager.policy();
        Set<String> categories = new TreeSet<>();
        for (String id : choice.content().grantedCategories()) {
            if (policy.category(id).filter(c -> !c.required()).isPresent()) {
                categories.add(id);
            }
        }
        return categories;
    }

    /**
     * Records {@code choice} for this device and returns its cookie: a {@code given} record (or
     * {@code updated}, when the device's cookie names a consent id of its own) with method
     * {@code account_restore}, granting what {@code choice} granted, carrying the account reference and
     * request facts of {@code context}. The record is appended durably before the cookie is made (C21).
     *
     * @throws IllegalArgumentException when {@code choice} is a withdrawal, is no choice of the account
     *     under the policy in force, or has ended
     * @throws io.consent4j.core.ledger.LedgerException when the record could not be stored: set no cookie
     */
    public ChoiceResult restore(ConsentRecord choice, ChoiceContext context) {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(context, "context");
        RecordContent source = choice.content();
        if (!isChoice(source) || isWithdrawal(choice)) {
            throw new IllegalArgumentException("only a visitor's given or updated choice is restored, not "
                    + source.event().jsonName() + " by " + source.actor());
        }
        if (source.policyVersion() != manager.policy().version()) {
            throw new IllegalArgumentException("the choice is under policy version " + source.policyVersion()
                    + ", not the one in force, " + manager.policy().version());
        }
        if (context.accountRef() == null || !context.accountRef().equals(source.accountRef())) {
            throw new IllegalArgumentException("the choice is not one of the account the context names");
        }
        if (hasEnded(choice)) {
            throw new IllegalArgumentException("the choice ended at " + endOf(choice));
        }
        DecodedCookie previous = manager.decider().read(context.previousCookie());
        Consent before = previous.consent();
        ConsentId id = before != null
                ? before.id()
                : ConsentId.generate(manager.clock().millis());
        ChoiceContext system = context.bySystem(context.previousCookie());
        RecordContent draft = manager.draft(before == null ? ConsentEvent.GIVEN : ConsentEvent.UPDATED, id, system)
                .method(ConsentMethod.ACCOUNT_RESTORE)
                .granted(source.grantedCategories(), source.grantedServices())
                .detail(SOURCE_DETAIL, source.consentId().toString())
                .build();
        ConsentRecord record = manager.ledger().append(draft);
        return manager.issue(record, false, context.signals(), endOf(choice));
    }

    /**
     * The cookie of a withdrawal made on another device, issued from the withdrawal's own record: its
     * consent id, nothing optional granted, ending when a consent given then would. Appends nothing: the
     * withdrawal is recorded once, where it was made.
     *
     * @throws IllegalArgumentException when {@code withdrawal} is no visitor's withdrawal
     */
    public ChoiceResult adopt(ConsentRecord withdrawal, RequestSignals signals) {
        Objects.requireNonNull(withdrawal, "withdrawal");
        if (!isChoice(withdrawal.content()) || !isWithdrawal(withdrawal)) {
            throw new IllegalArgumentException("only a visitor's withdrawal is adopted, not "
                    + withdrawal.content().event().jsonName());
        }
        return manager.issue(withdrawal, false, signals == null ? RequestSignals.NONE : signals, endOf(withdrawal));
    }
}
