/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of {@link ConsentAssembly} that need the Servlet API: the filter, the visitor and auditor
 * endpoints, the no-script banner and the {@code <head>} markup, made from the settings around one
 * manager. A class of its own, so that it is loaded only when one of them is asked for and an application
 * without the Servlet API can still assemble the manager and the retention job.
 */
final class ServletParts {
    private static final Logger LOG = LoggerFactory.getLogger(ServletParts.class);

    final ConsentFilter filter;
    final ConsentEndpoint endpoint;
    final AuditEndpoint audit;
    final NoScriptBanner banner;
    final HeadMarkup head;
    final ImpliedRecords implied;
    final CookieInventory inventory;
    /** Null unless {@value ConsentSettings#ACCOUNT_RESTORE} is on and the site names accounts. */
    final AccountSync accountSync;

    ServletParts(ConsentSettings settings, ConsentManager manager) {
        AgeBandResolver ageBands =
                settings.ageBandResolver() != null ? settings.ageBandResolver() : AgeBandResolver.UNSPECIFIED;
        AccountReferenceResolver accounts = settings.accountReferenceResolver();
        List<DecisionListener> deciders = settings.decisionListeners();
        List<CookieDropListener> droppers = settings.cookieDropListeners();
        this.implied = new ImpliedRecords(manager, accounts, settings.impliedRecordExecutor());
        this.inventory = inventory(settings, manager);
        ConsentCookieHeader cookie = new ConsentCookieHeader(
                settings.cookieName(), settings.secureCookie(), settings.cookieDomain(), settings.cookiePath());
        ParentalDelivery delivery = new ParentalDelivery(manager, cookie);
        this.accountSync = accountSync(settings, manager, accounts, cookie);
        this.filter = ConsentFilter.of(
                manager.decider(),
                ConsentFilterSettings.builder()
                        .cookieName(settings.cookieName())
                        .undeclaredCookies(settings.undeclaredCookies())
                        .ageBandResolver(ageBands)
                        .decisionListener(
                                deciders.isEmpty()
                                        ? DecisionListener.NONE
                                        : (decision, nanos) -> deciders.forEach(l -> l.decided(decision, nanos)))
                        .cookieDropListener(
                                droppers.isEmpty()
                                        ? CookieDropListener.NONE
                                        : (name, reason) -> droppers.forEach(l -> l.dropped(name, reason)))
                        .build(),
                implied,
                delivery,
                accountSync,
                inventory);
        this.endpoint = ConsentEndpoint.builder(manager)
                .cookieName(settings.cookieName())
                .secureCookie(settings.secureCookie())
                .cookieDomain(settings.cookieDomain())
                .cookiePath(settings.cookiePath())
                .assetsPath(settings.assetsPath())
                .rateLimit(settings.rateLimitPosts(), settings.rateLimitWindow(), 100_000)
                .ageBandResolver(ageBands)
                .accountReference(accounts == null ? request -> null : accounts::resolve)
                .assembly(
                        new ParentalPages(
                                manager,
                                cookie,
                                settings.parentalLinkLifetime(),
                                settings.parentalLinkSender(),
                                delivery,
                                settings.assetsPath()),
                        accountSync)
                .build();
        this.audit = settings.auditEnabled() ? audit(settings, manager) : null;
        this.banner = NoScriptBanner.of(manager, settings.endpointPath(), settings.cookieName());
        this.head = HeadMarkup.of(manager, settings.endpointPath(), settings.cookieName(), settings.assetsPath())
                .withCspNonceAttribute(settings.cspNonceAttribute());
    }

    private static AccountSync accountSync(
            ConsentSettings settings,
            ConsentManager manager,
            AccountReferenceResolver accounts,
            ConsentCookieHeader cookie) {
        if (!settings.accountRestore()) {
            return null;
        }
        if (accounts == null) {
            LOG.warn(
                    "{} is on, but there is no AccountReferenceResolver: no visitor is known by account, so no"
                            + " choice is brought to another device",
                    ConsentSettings.ACCOUNT_RESTORE);
            return null;
        }
        return new AccountSync(manager, accounts, cookie, settings.accountCheckInterval());
    }

    /** The cookie inventory, in the JDBC ledger's database when there is one, else in memory. */
    private static CookieInventory inventory(ConsentSettings settings, ConsentManager manager) {
        if (manager.ledger().unwrapped() instanceof JdbcConsentLedger jdbc) {
            return CookieInventory.stored(settings.clock(), new JdbcCookieInventoryStore(jdbc.dataSource()));
        }
        return CookieInventory.inMemory(settings.clock());
    }

    private AuditEndpoint audit(ConsentSettings settings, ConsentManager manager) {
        AuditEndpoint.Builder builder = AuditEndpoint.builder(manager.ledger(), manager.receiptSigner())
                .cookieInventory(inventory)
                .clock(settings.clock())
                .maxRange(settings.auditMaxRange())
                .retention(settings.retention())
                .containerAuthentication(settings.auditContainerAuthentication());
        List<String> hashes = settings.auditTokenHashes();
        for (int i = 0; i < hashes.size(); i++) {
            try {
                builder.tokenHash(hashes.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        ConsentSettings.AUDIT_TOKEN_HASHES + "[" + i + "]: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }
}
