/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RetentionJob;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.SigningKey;
import io.consent4j.servlet.ConsentSettings.LedgerStore;
import io.consent4j.servlet.ConsentSettings.SchemaInitialization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * What a {@link ConsentSettingsBuilder} has been given so far, with the defaults for the rest, and the
 * check of the values that depend on each other; the constructor of {@link ConsentSettings} takes the
 * values over when the builder builds.
 */
final class SettingsValues {
    boolean devMode;
    Clock clock = Clock.systemUTC();
    ClassLoader classLoader;
    ConsentPolicy policy;
    String policyLocation;
    boolean policyStrict;
    List<SigningKey> cookieKeys = List.of();
    String receiptKey;
    String receiptKeyId = ConsentSettings.DEFAULT_RECEIPT_KEY_ID;
    ConsentLedger ledger;
    LedgerStore ledgerStore;
    Path ledgerPath = ConsentSettings.DEFAULT_LEDGER_PATH;
    String ledgerJndiName;
    DataSource dataSource;
    SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;
    final List<Consumer<LedgerSettings.Builder>> ledgerCustomizers = new ArrayList<>();
    Duration retention = RetentionJob.DEFAULT_RETENTION;
    Duration retentionInterval = ConsentSettings.DEFAULT_RETENTION_INTERVAL;
    RetentionScheduler retentionScheduler = RetentionScheduler.DAEMON_THREAD;
    String cookieName = ConsentFilterSettings.DEFAULT_COOKIE_NAME;
    Boolean cookieSecure;
    String cookieDomain;
    String cookiePath = "/";
    UndeclaredCookies undeclaredCookies = UndeclaredCookies.WARN;
    boolean filterEnabled = true;
    List<String> filterUrlPatterns = List.of("/*");
    String endpointPath = ConsentEndpoint.DEFAULT_PATH;
    int rateLimitPosts = ConsentSettings.DEFAULT_RATE_LIMIT_POSTS;
    Duration rateLimitWindow = ConsentSettings.DEFAULT_RATE_LIMIT_WINDOW;
    String auditPath = AuditEndpoint.DEFAULT_PATH;
    List<String> auditTokenHashes = List.of();
    Duration auditMaxRange = ConsentSettings.DEFAULT_AUDIT_MAX_RANGE;
    boolean auditContainerAuthentication;
    AgeBandResolver ageBandResolver;
    AccountReferenceResolver accountReferenceResolver;
    boolean accountRestore;
    Duration accountCheckInterval = AccountSettings.DEFAULT_CHECK_INTERVAL;
    final List<DecisionListener> decisionListeners = new ArrayList<>();
    final List<CookieDropListener> cookieDropListeners = new ArrayList<>();
    Executor impliedRecordExecutor;
    ParentalLinkSender parentalLinkSender;
    Duration parentalLinkLifetime = ParentalPages.DEFAULT_LIFETIME;
    String assetsPath = ConsentSettings.DEFAULT_ASSETS_PATH;
    String cspNonceAttribute;

    /**
     * Checks the settings that depend on each other, as {@link ConsentSettingsBuilder#build()} does before it
     * builds.
     *
     * @throws IllegalArgumentException when the auditor endpoint's path is the visitor endpoint's, or a
     *     {@code __Host-} cookie has a domain or a path other than {@code /}
     */
    void checkTogether() {
        CookieSettings.checkPrefix(cookieName, cookieDomain, cookiePath);
        if (endpointPath.equals(auditPath)) {
            throw SettingChecks.bad(
                    ConsentSettings.AUDIT_PATH, auditPath, "must differ from " + ConsentSettings.ENDPOINT_PATH);
        }
    }
}
