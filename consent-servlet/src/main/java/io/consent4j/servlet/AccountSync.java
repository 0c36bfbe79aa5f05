/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.consent4j.core.AccountConsents;
import io.consent4j.core.ChoiceContext;
import io.consent4j.core.ChoiceResult;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.ConsentState;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerException;
import io.consent4j.core.token.Consent;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a signed-in visitor's newest choice to the device of this request ({@value
 * ConsentSettings#ACCOUNT_RESTORE}): the site's {@link AccountReferenceResolver} names the account, and
 * {@link AccountConsents} reads the account's newest choice under the policy in force.
 *
 * <ul>
 *   <li>A device without a valid consent cookie of the policy in force (none, tampered, expired or of an
 *       older policy version) gets the account's newest choice when it is a grant or refusal that has not
 *       ended: a restore record (method {@code account_restore}) is appended, then the cookie is set. After
 *       a withdrawal there is nothing to restore, and the banner asks.
 *   <li>A device with a valid cookie takes over a newer choice that grants something else: a newer
 *       withdrawal is adopted from its own record (nothing is appended; the filter then expires the site's
 *       cookies of the withdrawn categories, as after a withdrawal on this device, C14); a newer grant is
 *       restored.
 * </ul>
 *
 * <p>What this node last read of an account is kept for {@value ConsentSettings#ACCOUNT_CHECK_INTERVAL}
 * (at most {@value #MAX_ACCOUNTS} accounts), so a device that has its cookie costs one cache look-up per
 * request, and a ledger read per account and interval at most. A choice recorded through this node's
 * endpoint drops the account's entry at once, so the account's other devices see it on their next request;
 * a choice recorded through another node reaches them within the interval. A device whose request the
 * hook names no account, or a child waiting for a parent (C28), is left as it is.
 */
final class AccountSync {

    private static final Logger LOG = LoggerFactory.getLogger(AccountSync.class);

    static final int MAX_ACCOUNTS = 100_000;

    private final ConsentManager manager;
    private final AccountReferenceResolver resolver;
    private final ConsentCookieHeader cookie;
    /** The account's newest choice as last read; null when every request reads the ledger. */
    private final Cache<String, Optional<ConsentRecord>> latest;

    AccountSync(
            ConsentManager manager,
            AccountReferenceResolver resolver,
            ConsentCookieHeader cookie,
            Duration checkInterval) {
        this.manager = manager;
        this.resolver = resolver;
        this.cookie = cookie;
        this.latest = checkInterval.isZero()
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(MAX_ACCOUNTS)
                        .expireAfterWrite(checkInterval)
                        .build();
    }

    /**
     * The account's choice for the device whose request was decided so, as a cookie for it; empty when the
     * device keeps what it has. Never throws: a failing hook or ledger leaves the device as it is.
     */
    Optional<ChoiceResult> find(
            HttpServletRequest request, String cookieValue, ConsentDecision decision, RequestSignals signals) {
        if (decision.parentalConsentRequired()) {
            return Optional.empty();
        }
        String account;
        try {
            account = resolver.resolve(request);
        } catch (RuntimeException e) {
            LOG.warn("The account reference hook failed; the device keeps its consent: {}", e.toString());
            return Optional.empty();
        }
        if (account == null || account.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<ConsentRecord> newest = newest(account);
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            ConsentRecord choice = newest.get();
            AccountConsents accounts = manager.accounts();
            Consent consent = decision.consent();
            if (consent != null && decision.state() == ConsentState.DECIDED) {
                if (!accounts.isNewerThan(choice, consent)) {
                    return Optional.empty();
                }
                if (AccountConsents.isWithdrawal(choice)) {
                    return Optional.of(accounts.adopt(choice, signals));
                }
            } else if (AccountConsents.isWithdrawal(choice)) {
                return Optional.empty();
            }
            if (accounts.hasEnded(choice)) {
                return Optional.empty();
            }
            return Optional.of(accounts.restore(choice, context(request, cookieValue, signals, account)));
        } catch (LedgerException | IllegalStateException | IllegalArgumentException e) {
            // The device keeps what it has; the next request tries again.
            LOG.warn("consent4j could not bring an account's choice to this device: {}", e.toString());
            return Optional.empty();
        }
    }

    private Optional<ConsentRecord> newest(String account) {
        if (latest == null) {
            return manager.accounts().latestChoice(account);
        }
        return latest.get(account, manager.accounts()::latestChoice);
    }

    /** Forgets what this node read of {@code account}: a choice of it was just recorded here. */
    void chosen(String account) {
        if (latest != null && account != null) {
            latest.invalidate(account);
        }
    }

    /** The consent cookie this sync sets. */
    ConsentCookieHeader cookie() {
        return cookie;
    }

    private ChoiceContext context(
            HttpServletRequest request, String cookieValue, RequestSignals signals, String account) {
        return new ChoiceContext(
                cookieValue,
                signals,
                CollectionPoint.SYSTEM,
                Actor.SYSTEM,
                LocaleNegotiation.negotiate(request, manager.policy()),
                request.getRequestURI(),
                request.getHeader("User-Agent"),
                request.getRemoteAddr(),
                account);
    }
}
