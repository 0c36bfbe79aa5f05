/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.PurgeableConsentLedger;
import io.consent4j.core.ledger.RetentionJob;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.CookieConsentCodec;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * consent4j, built from one {@link ConsentSettings}: the keys, the policy, the ledger and the
 * {@link ConsentManager}; the {@link ConsentFilter}, the visitor {@link ConsentEndpoint}, the
 * {@link AuditEndpoint}, the {@link NoScriptBanner} and the {@link HeadMarkup}; and the
 * {@link RetentionJob} (C26). Both front doors use it and build nothing themselves:
 * {@link ConsentServletSetup} registers its parts in a servlet context, the Spring Boot starter exposes
 * them as beans, which an application's own beans replace.
 *
 * <p>{@link #build} makes the whole graph. The steps it takes are public too ({@link #policy},
 * {@link #cookieCodec}, {@link #receiptSigner}, {@link #ledger}, {@link #manager}), so that a front door
 * that lets the application replace one part can build the others the same way and then
 * {@link #of(ConsentSettings, ConsentManager) assemble} the rest around its manager. A bad or missing
 * setting fails with an {@link IllegalStateException} (or the {@link IllegalArgumentException} of the
 * settings builder) that names its property and says how to fix it.
 *
 * <p>{@link #start()} starts the retention schedule, {@link #close()} stops it and closes the ledger when
 * the assembly opened it. The servlet parts are made on first use: the manager and the retention job need
 * no Servlet API, so an application without one can still assemble them.
 */
public final class ConsentAssembly implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentAssembly.class);

    private final ConsentSettings settings;
    private final ConsentManager manager;
    /** The ledger this assembly opened and closes; null when it was given. */
    private final ConsentLedger ownLedger;

    private final RetentionJob retentionJob;

    private ServletParts servletParts;
    private AutoCloseable retentionRuns;
    private boolean closed;

    private ConsentAssembly(ConsentSettings settings, ConsentManager manager, ConsentLedger ownLedger) {
        this.settings = settings;
        this.manager = manager;
        this.ownLedger = ownLedger;
        this.retentionJob = manager.ledger() instanceof PurgeableConsentLedger purgeable
                ? new RetentionJob(purgeable, settings.retention(), settings.clock())
                : null;
        if (settings.devMode()) {
            LOG.warn(
                    "consent4j runs in DEV MODE ({}=true): keys that are not set are THROWAWAY keys, and the"
                            + " consent cookie is not Secure unless {} says so. Never in production.",
                    ConsentSettings.DEV_MODE,
                    ConsentSettings.COOKIE_SECURE);
        }
        if (!settings.secureCookie()) {
            LOG.warn(
                    "consent4j sends the consent cookie WITHOUT Secure ({} or {}=false): for local HTTP only",
                    ConsentSettings.DEV_MODE,
                    ConsentSettings.COOKIE_SECURE);
        }
        if (!settings.filterEnabled()) {
            LOG.warn(
                    "consent4j filter is OFF ({}=false): no request is decided and Set-Cookie headers pass"
                            + " unchecked",
                    ConsentSettings.FILTER_ENABLED);
        }
    }

    /**
     * Builds the whole graph from {@code settings}: the policy, the keys, the ledger (unless one is given),
     * the manager; the servlet parts follow on first use. Call {@link #start()} to run the retention job.
     *
     * @throws IllegalStateException naming the property that is missing or wrong
     */
    public static ConsentAssembly build(ConsentSettings settings) {
        Objects.requireNonNull(settings, "settings");
        ConsentPolicy policy = policy(settings);
        CookieConsentCodec codec = cookieCodec(settings);
        ReceiptSigner signer = receiptSigner(settings);
        ConsentLedger given = settings.ledger();
        ConsentLedger ledger = given != null ? given : ledger(settings, signer);
        try {
            return new ConsentAssembly(
                    settings, manager(settings, policy, codec, ledger, signer), given != null ? null : ledger);
        } catch (RuntimeException e) {
            if (given == null) {
                ledger.close();
            }
            throw e;
        }
    }

    /**
     * The servlet parts and the retention job around a manager built elsewhere, such as the Spring
     * Boot starter's {@code ConsentManager} bean. The manager's ledger stays its owner's to close.
     */
    public static ConsentAssembly of(ConsentSettings settings, ConsentManager manager) {
        return new ConsentAssembly(
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(manager, "manager"), null);
    }

    // ---- the steps ------------------------------------------------------------------------------------------

    /**
     * The policy: the one given in code, else the JSON at {@value ConsentSettings#POLICY_LOCATION} (a
     * file path, {@code file:} or {@code classpath:}).
     *
     * @throws IllegalStateException when there is none, it cannot be read or it is not a valid policy
     */
    public static ConsentPolicy policy(ConsentSettings settings) {
        return PolicyLoader.load(settings);
    }

    /**
     * The consent cookie's codec on {@value ConsentSettings#COOKIE_KEYS}, or on a throwaway key in dev
     * mode when none is set.
     *
     * @throws IllegalStateException when no key is set outside dev mode
     */
    public static CookieConsentCodec cookieCodec(ConsentSettings settings) {
        return KeyReader.cookieCodec(settings);
    }

    /**
     * The signer of receipts and checkpoints on {@value ConsentSettings#RECEIPT_KEY} with its key id, or
     * on a throwaway key in dev mode when none is set.
     *
     * @throws IllegalStateException when the key is missing outside dev mode, or is not an Ed25519 key
     *     that signs what its public key verifies
     */
    public static ReceiptSigner receiptSigner(ConsentSettings settings) {
        return KeyReader.receiptSigner(settings);
    }

    /**
     * The ledger of {@value ConsentSettings#LEDGER_STORE}, on the settings' clock and ledger customizers.
     * The caller closes it.
     *
     * @throws IllegalStateException when no store is chosen, or the chosen one cannot be opened
     */
    public static PurgeableConsentLedger ledger(ConsentSettings settings, ReceiptSigner signer) {
        return LedgerFactory.open(settings, signer);
    }

    /** The manager of these parts, on the settings' clock. */
    public static ConsentManager manager(
            ConsentSettings settings,
            ConsentPolicy policy,
            CookieConsentCodec codec,
            ConsentLedger ledger,
            ReceiptSigner signer) {
        return ConsentManager.builder(policy, codec, ledger, signer)
                .clock(settings.clock())
                .build();
    }

    // ---- the assembled parts --------------------------------------------------------------------------------

    /** The settings this assembly was built from. */
    public ConsentSettings settings() {
        return settings;
    }

    /** The manager: the policy, the decisions, the ledger and the receipts. */
    public ConsentManager manager() {
        return manager;
    }

    /** The filter that decides every request and drops the cookies it does not allow. */
    public ConsentFilter filter() {
        return servletParts().filter;
    }

    /** The visitor endpoint, to map at {@code endpointPath/*}. */
    public ConsentEndpoint endpoint() {
        return servletParts().endpoint;
    }

    /** The auditor endpoint, to map at {@code auditPath/*}; empty when it is off. */
    public Optional<AuditEndpoint> auditEndpoint() {
        return Optional.ofNullable(servletParts().audit);
    }

    /** The no-script banner. */
    public NoScriptBanner noScriptBanner() {
        return servletParts().banner;
    }

    /** The {@code <head>} markup: the banner's data block, script and stylesheet. */
    public HeadMarkup headMarkup() {
        return servletParts().head;
    }

    /** The retention job on the manager's ledger; empty when that ledger cannot purge. */
    public Optional<RetentionJob> retentionJob() {
        return Optional.ofNullable(retentionJob);
    }

    /**
     * Starts the retention job through the settings' {@link RetentionScheduler}, once; a ledger that
     * cannot purge has none to start.
     *
     * @return this assembly
     */
    public synchronized ConsentAssembly start() {
        if (closed) {
            throw new IllegalStateException("the consent4j assembly is closed");
        }
        if (retentionJob != null && retentionRuns == null) {
            retentionRuns = settings.retentionScheduler().schedule(retentionJob, settings.retentionInterval());
            LOG.info(
                    "consent4j purges records older than {} every {} ({}, {})",
                    settings.retention(),
                    settings.retentionInterval(),
                    ConsentSettings.LEDGER_RETENTION,
                    ConsentSettings.LEDGER_RETENTION_INTERVAL);
        }
        return this;
    }

    /**
     * Stops the retention job, lets the signal and expiry records the filter queued finish, and closes the
     * ledger when this assembly opened it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (retentionRuns != null) {
                retentionRuns.close();
            }
        } catch (Exception e) {
            LOG.warn("consent4j could not stop the retention job: {}", e.toString());
        } finally {
            if (servletParts != null) {
                // Before the ledger closes: the queued records still go to it, the inventory to its database.
                servletParts.implied.close();
                servletParts.inventory.close();
            }
            if (retentionJob != null) {
                retentionJob.close();
            }
            if (ownLedger != null) {
                ownLedger.close();
            }
        }
    }

    /** The filter's cookie inventory, which the auditor endpoint shows. */
    CookieInventory cookieInventory() {
        return servletParts().inventory;
    }

    private synchronized ServletParts servletParts() {
        if (servletParts == null) {
            servletParts = new ServletParts(settings, manager);
        }
        return servletParts;
    }
}
