/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import io.consent4j.core.decision.ConsentDecider;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.Service;
import io.consent4j.core.receipt.ConsentReceipt;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.ConsentId;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.DecodedCookie;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Ties consent4j together: decides requests, records choices (the record is durable before the cookie
 * is issued), issues cookies, signs receipts when asked for them, records expiries and applied signals
 * once per consent, and answers history queries. The one facade the servlet filter, the endpoints and
 * site code talk to. Thread-safe.
 */
public final class ConsentManager {

    private final ConsentPolicy policy;
    private final CookieConsentCodec codec;
    private final ConsentDecider decider;
    private final ConsentLedger ledger;
    private final ReceiptSigner receipts;
    private final Clock clock;
    private final ImpliedRecords implied;
    private final ParentalConsents parental;
    private final AccountConsents accounts;

    private ConsentManager(Builder b) {
        this.policy = b.policy;
        this.codec = b.codec;
        this.ledger = b.ledger;
        this.receipts = b.receipts;
        this.clock = b.clock;
        this.decider = ConsentDecider.builder(policy, codec).clock(clock).build();
        this.implied = new ImpliedRecords(this);
        this.parental = new ParentalConsents(this);
        this.accounts = new AccountConsents(this);
        ledger.archive(policy);
    }

    /** A builder for a manager of {@code policy}. */
    public static Builder builder(
            ConsentPolicy policy, CookieConsentCodec codec, ConsentLedger ledger, ReceiptSigner receipts) {
        return new Builder(policy, codec, ledger, receipts);
    }

    /** The policy in force. */
    public ConsentPolicy policy() {
        return policy;
    }

    /** The ledger records go to. */
    public ConsentLedger ledger() {
        return ledger;
    }

    /** The key receipts and checkpoints are signed with. */
    public ReceiptSigner receiptSigner() {
        return receipts;
    }

    /** The decider, for code that needs the pure decision. */
    public ConsentDecider decider() {
        return decider;
    }

    /** Decides a request; see {@link ConsentDecider#decide(String, RequestSignals)}. Never throws for bad cookies. */
    public ConsentDecision decide(String cookieValue, RequestSignals signals) {
        return decider.decide(cookieValue, signals);
    }

    /**
     * Records a choice and returns the cookie to set. The record is appended durably first; only then is
     * the cookie made, so a visitor never holds a consent the ledger does not prove (C21).
     *
     * @throws IllegalArgumentException naming an unknown category or service
     * @throws io.consent4j.core.ledger.LedgerException when the record could not be stored: set no cookie
     */
    public ChoiceResult record(ConsentChoice choice, ChoiceContext context) {
        return record(choice, context, null, null);
    }

    /**
     * Records a choice; for a parent's choice by link, {@code child} is the child's consent id and
     * {@code linkNonce} the link's nonce, kept in the record so the link is used once (C28).
     */
    ChoiceResult record(ConsentChoice choice, ChoiceContext context, ConsentId child, String linkNonce) {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(context, "context");
        DecodedCookie previous = decider.read(child != null ? null : context.previousCookie());
        Consent before = previous.consent();
        Set<String> categories = new LinkedHashSet<>();
        Set<String> services = new LinkedHashSet<>();
        switch (choice.kind()) {
            case ACCEPT_ALL -> {
                policy.categories().stream().filter(c -> !c.required()).forEach(c -> categories.add(c.id()));
                policy.services().forEach(s -> services.add(s.id()));
            }
            case REJECT_ALL, WITHDRAW -> {
                // Nothing optional.
            }
            case CUSTOM -> {
                for (String id : choice.categories()) {
                    Category category = policy.category(id)
                            .orElseThrow(() -> new IllegalArgumentException("unknown category '" + id + "'"));
                    if (!category.required()) {
                        categories.add(id);
                    }
                }
                for (String id : choice.services()) {
                    policy.service(id).orElseThrow(() -> new IllegalArgumentException("unknown service '" + id + "'"));
                    services.add(id);
                }
                for (String id : categories) {
                    List<Service> inCategory = policy.servicesOf(id);
                    if (inCategory.stream().noneMatch(s -> choice.services().contains(s.id()))) {
                        inCategory.forEach(s -> services.add(s.id()));
                    }
                }
            }
            case GRANT_SERVICE -> {
                String id = choice.services().iterator().next();
                policy.service(id).orElseThrow(() -> new IllegalArgumentException("unknown service '" + id + "'"));
                if (previous.status() == DecodedCookie.Status.VALID && before.policyVersion() == policy.version()) {
                    categories.addAll(before.grantedCategories());
                    services.addAll(before.grantedServices());
                }
                services.add(id);
            }
        }
        policy.requiredServiceIds().forEach(services::add);
        boolean parent = context.actor() == Actor.PARENT;
        ConsentEvent event = choice.kind() == ConsentChoice.Kind.WITHDRAW
                ? ConsentEvent.WITHDRAWN
                : parent ? ConsentEvent.PARENTAL_CONSENT : before == null ? ConsentEvent.GIVEN : ConsentEvent.UPDATED;
        ConsentId id = child != null ? child : before != null ? before.id() : ConsentId.generate(clock.millis());

        RecordContent.Builder draft =
                draft(event, id, context).method(choice.kind().method()).granted(categories, services);
        if (linkNonce != null) {
            draft.detail(ParentalConsents.LINK_DETAIL, linkNonce);
        }
        ConsentRecord record = ledger.append(draft.build());
        return issue(record, parent, context.signals());
    }

    /**
     * The cookie and decision of a stored choice: the consent the record grants, issued when it
     * was recorded, so the cookie never says more than the ledger proves (C21).
     */
    ChoiceResult issue(ConsentRecord record, boolean parent, RequestSignals signals) {
        return issue(
                record,
                parent,
                signals,
                record.recordedAt()
                        .atOffset(ZoneOffset.UTC)
                        .plusMonths(policy.consentLifetimeMonths())
                        .toInstant());
    }

    /** As {@link #issue(ConsentRecord, boolean, RequestSignals)}, for a consent that ends at {@code expires}. */
    ChoiceResult issue(ConsentRecord record, boolean parent, RequestSignals signals, Instant expires) {
        Instant issued = record.recordedAt();
        Consent consent = new Consent(
                record.content().consentId(),
                policy.version(),
                record.content().grantedCategories().stream()
                        .filter(c ->
                                policy.category(c).filter(k -> !k.required()).isPresent())
                        .collect(java.util.stream.Collectors.toSet()),
                record.content().grantedServices(),
                issued,
                expires,
                parent,
                signals.ageBand(),
                signals.objects());
        String cookie = codec.encode(consent, policy);
        // The decision from the consent itself rather than from verifying the cookie just encoded: the
        // cookie carries exactly this consent (its times are whole seconds, as the consent's are), so
        // reading it back gives an equal one, at the cost of a second HMAC and a parse.
        ConsentDecision decision = ConsentDecider.decide(
                policy, new DecodedCookie(DecodedCookie.Status.VALID, consent), signals, clock.instant());
        return new ChoiceResult(record, consent, cookie, decision);
    }

    /** Parental consent by link (C28): links for a child's consent, and the parent's choice through one. */
    public ParentalConsents parental() {
        return parental;
    }

    /**
     * One choice across a signed-in visitor's devices: the account's newest choice, brought to another
     * device by a restore record or, for a withdrawal, by the withdrawal's own record.
     */
    public AccountConsents accounts() {
        return accounts;
    }

    CookieConsentCodec codec() {
        return codec;
    }

    Clock clock() {
        return clock;
    }

    RecordContent.Builder draft(ConsentEvent event, ConsentId id, ChoiceContext context) {
        RecordContent.Builder draft = RecordContent.builder(policy, event)
                .consentId(id)
                .accountRef(context.accountRef())
                .actor(context.actor())
                .collectionPoint(context.collectionPoint())
                .locale(context.locale())
                .path(context.path())
                .userAgent(context.userAgent())
                .clientAddress(context.clientAddress());
        if (context.signals().globalPrivacyControl()) {
            draft.signal("gpc");
        }
        if (context.signals().doNotTrack()) {
            draft.signal("dnt");
        }
        return draft;
    }

    /**
     * Whether {@link #recordImplied} may have something to record for {@code decision} under
     * {@code signals}, as far as this manager remembers: false when the decision implies nothing, or
     * when the record was made (or found in the ledger) already. Reads no ledger, so the filter can ask on
     * every request and hand the actual recording to another thread.
     */
    public boolean impliesNewRecord(ConsentDecision decision, RequestSignals signals) {
        return implied.impliesNewRecord(decision, signals);
    }

    /**
     * Records what a decision implies by itself, once per consent: an expired consent that came back
     * (C18), or a signal that denied categories the consent granted (C19), once per consent and signal
     * (a record of GPC and DNT together covers either alone). Does nothing otherwise.
     *
     * @return the record appended, if any
     */
    public Optional<ConsentRecord> recordImplied(ConsentDecision decision, ChoiceContext context) {
        return implied.record(decision, context);
    }

    /** A visitor's records, oldest first (C27); empty when there are none. */
    public List<ConsentRecord> history(ConsentId id) {
        return ledger.findByConsentId(id);
    }

    /** A signed receipt of the visitor's latest record (C27), if they have any. */
    public Optional<String> receipt(ConsentId id) {
        List<ConsentRecord> history = ledger.findByConsentId(id);
        return history.isEmpty()
                ? Optional.empty()
                : Optional.of(ConsentReceipt.issue(receipts, history.get(history.size() - 1)));
    }

    /**
     * A signed receipt of one of the visitor's records (C27): the one at {@code sequence} in the chain
     * {@code chainId}, if that record is theirs. It is signed from the stored record whenever it is asked
     * for; Ed25519 signatures are deterministic, so one record always yields the same receipt.
     */
    public Optional<String> receipt(ConsentId id, String chainId, long sequence) {
        Objects.requireNonNull(chainId, "chainId");
        return ledger.findByConsentId(id).stream()
                .filter(r -> r.sequence() == sequence && r.chainId().equals(chainId))
                .findFirst()
                .map(r -> ConsentReceipt.issue(receipts, r));
    }

    /** Builds a {@link ConsentManager}. */
    public static final class Builder {
        private final ConsentPolicy policy;
        private final CookieConsentCodec codec;
        private final ConsentLedger ledger;
        private final ReceiptSigner receipts;
        private Clock clock = Clock.systemUTC();

        private Builder(ConsentPolicy policy, CookieConsentCodec codec, ConsentLedger ledger, ReceiptSigner receipts) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.codec = Objects.requireNonNull(codec, "codec");
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            this.receipts = Objects.requireNonNull(receipts, "receipts");
        }

        /** The clock; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the manager and archives the policy in the ledger. */
        public ConsentManager build() {
            return new ConsentManager(this);
        }
    }
}
