/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RetentionJob;
import io.consent4j.core.policy.ConsentPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Builds {@link ConsentSettings}; {@link ConsentSettings#builder()} makes one that starts from the defaults.
 * Both front doors fill it: {@link ConsentServletSetup} from its parameters (and its
 * {@link ConsentServletSetup.Builder#customize customizers}), the Spring Boot starter from its properties, the
 * application's beans and its {@code ConsentSettingsCustomizer} beans. Each setter checks its value at once
 * and fails with an {@link IllegalArgumentException} naming the property; {@link #build()} checks the settings
 * that depend on each other, and each settings object it returns keeps the values of that moment.
 */
public final class ConsentSettingsBuilder {
    /** The values so far; package-private, for the constructor of ConsentSettings, which copies them. */
    final SettingsValues values = new SettingsValues();

    ConsentSettingsBuilder() {}

    /**
     * {@value ConsentSettings#DEV_MODE}: throwaway cookie and receipt keys where none are set (each logged as
     * a warning; cookies and receipts do not survive a restart) and a consent cookie without {@code Secure}
     * unless {@value ConsentSettings#COOKIE_SECURE} says otherwise. Never in production.
     */
    public ConsentSettingsBuilder devMode(boolean devMode) {
        values.devMode = devMode;
        return this;
    }

    /** The clock of decisions, records, receipts and the retention job; default system UTC. */
    public ConsentSettingsBuilder clock(Clock clock) {
        values.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The class loader {@code classpath:} locations are read from; default the one of this class. */
    public ConsentSettingsBuilder classLoader(ClassLoader classLoader) {
        values.classLoader = classLoader;
        return this;
    }

    /** The policy, built in code; it wins over {@value ConsentSettings#POLICY_LOCATION}. */
    public ConsentSettingsBuilder policy(ConsentPolicy policy) {
        values.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * {@value ConsentSettings#POLICY_LOCATION}: the policy JSON, as a file path, a {@code file:} path or a
     * {@code classpath:} resource, such as {@code classpath:consent-policy.json}.
     */
    public ConsentSettingsBuilder policyLocation(String location) {
        values.policyLocation = SettingChecks.blankToNull(location);
        return this;
    }

    /**
     * {@value ConsentSettings#POLICY_STRICT}: a text missing in one of the languages the policy JSON is
     * written in stops the start, naming its JSON path (such as {@code services[3].purpose.en}); off, it is
     * logged as a warning. Applies to the policy read from {@value ConsentSettings#POLICY_LOCATION}.
     */
    public ConsentSettingsBuilder policyStrict(boolean strict) {
        values.policyStrict = strict;
        return this;
    }

    /**
     * {@value ConsentSettings#COOKIE_KEYS}: the HMAC keys of the consent cookie, each {@code id:base64}, the
     * one that signs first and older ones after it, which still verify their cookies (rotation). Blank
     * entries are skipped. Generate a key with {@code openssl rand -base64 32}.
     *
     * @throws IllegalArgumentException naming the entry ({@code consent4j.cookie.keys[1]}) that has no
     *     id, is not base64 or is shorter than 32 bytes
     */
    public ConsentSettingsBuilder cookieKeys(List<String> entries) {
        values.cookieKeys = KeySettings.parseCookieKeys(entries);
        return this;
    }

    /**
     * {@value ConsentSettings#RECEIPT_KEY}: the Ed25519 private key that signs receipts and checkpoints,
     * base64 of its PKCS#8 DER form ({@code openssl genpkey -algorithm ed25519 -outform DER | base64}).
     */
    public ConsentSettingsBuilder receiptKey(String receiptKey) {
        values.receiptKey = SettingChecks.blankToNull(receiptKey);
        return this;
    }

    /**
     * {@value ConsentSettings#RECEIPT_KEY_ID}: the receipt key's id, named in every receipt and in the
     * published JWK: 1 to 64 letters, digits, {@code .}, {@code -} or {@code _}. Default
     * {@value ConsentSettings#DEFAULT_RECEIPT_KEY_ID}.
     */
    public ConsentSettingsBuilder receiptKeyId(String keyId) {
        values.receiptKeyId = KeySettings.checkReceiptKeyId(keyId);
        return this;
    }

    /**
     * A ledger of the application's own; it wins over {@value ConsentSettings#LEDGER_STORE}, and the
     * application closes it.
     */
    public ConsentSettingsBuilder ledger(ConsentLedger ledger) {
        values.ledger = Objects.requireNonNull(ledger, "ledger");
        return this;
    }

    /** {@value ConsentSettings#LEDGER_STORE}: where records go; null leaves it unchosen. */
    public ConsentSettingsBuilder ledgerStore(ConsentSettings.LedgerStore store) {
        values.ledgerStore = store;
        return this;
    }

    /** {@value ConsentSettings#LEDGER_PATH}: the H2 database file of the {@code h2} store. */
    public ConsentSettingsBuilder ledgerPath(Path path) {
        values.ledgerPath = path == null ? ConsentSettings.DEFAULT_LEDGER_PATH : path;
        return this;
    }

    /**
     * {@value ConsentSettings#LEDGER_JNDI_NAME}: the name of the container's {@link DataSource} for the
     * {@code jndi} store.
     */
    public ConsentSettingsBuilder ledgerJndiName(String name) {
        values.ledgerJndiName = SettingChecks.blankToNull(name);
        return this;
    }

    /** The {@link DataSource} of the {@code datasource} store. */
    public ConsentSettingsBuilder dataSource(DataSource dataSource) {
        values.dataSource = dataSource;
        return this;
    }

    /**
     * {@value ConsentSettings#LEDGER_INITIALIZE_SCHEMA}: when the ledger on a {@link DataSource}
     * ({@code datasource} or {@code jndi} store) creates its missing tables; default
     * {@link ConsentSettings.SchemaInitialization#EMBEDDED}.
     */
    public ConsentSettingsBuilder initializeSchema(ConsentSettings.SchemaInitialization initializeSchema) {
        values.initializeSchema = LedgerChoice.checkInitializeSchema(initializeSchema);
        return this;
    }

    /** Adjusts the settings of the ledger the assembly builds (chain id, checkpoints); applied in order. */
    public ConsentSettingsBuilder ledgerCustomizer(Consumer<LedgerSettings.Builder> customizer) {
        values.ledgerCustomizers.add(Objects.requireNonNull(customizer, "ledgerCustomizer"));
        return this;
    }

    /**
     * {@value ConsentSettings#LEDGER_RETENTION}: how long records are kept before the retention job purges
     * them (C26); at least 13 months (396 days), the longest a consent lasts, so that its proof outlives it.
     * Default {@link RetentionJob#DEFAULT_RETENTION}, three years.
     */
    public ConsentSettingsBuilder retention(Duration retention) {
        values.retention = RetentionSettings.checkRetention(retention);
        return this;
    }

    /** {@value ConsentSettings#LEDGER_RETENTION_INTERVAL}: how often the retention job runs; default a day. */
    public ConsentSettingsBuilder retentionInterval(Duration interval) {
        values.retentionInterval = SettingChecks.positive(ConsentSettings.LEDGER_RETENTION_INTERVAL, interval);
        return this;
    }

    /** When the retention job runs; default {@link RetentionScheduler#DAEMON_THREAD}. */
    public ConsentSettingsBuilder retentionScheduler(RetentionScheduler scheduler) {
        values.retentionScheduler = Objects.requireNonNull(scheduler, "retentionScheduler");
        return this;
    }

    /**
     * {@value ConsentSettings#COOKIE_NAME}: the consent cookie's name; default
     * {@value ConsentFilterSettings#DEFAULT_COOKIE_NAME}. {@code __Host-consent4j} is a good choice on HTTPS
     * sites.
     */
    public ConsentSettingsBuilder cookieName(String name) {
        values.cookieName = CookieSettings.checkName(name);
        return this;
    }

    /**
     * {@value ConsentSettings#COOKIE_SECURE}: whether the consent cookie is {@code Secure}; null: off only in
     * dev mode.
     */
    public ConsentSettingsBuilder cookieSecure(Boolean secure) {
        values.cookieSecure = secure;
        return this;
    }

    /**
     * {@value ConsentSettings#COOKIE_DOMAIN}: the consent cookie's {@code Domain}, such as
     * {@code lernen.example}, shared by every host below it; blank or null for host-only (the default).
     */
    public ConsentSettingsBuilder cookieDomain(String domain) {
        values.cookieDomain = CookieSettings.checkDomain(domain);
        return this;
    }

    /** {@value ConsentSettings#COOKIE_PATH}: the consent cookie's {@code Path}, above every decided page; default /. */
    public ConsentSettingsBuilder cookiePath(String path) {
        values.cookiePath = CookieSettings.checkPath(path);
        return this;
    }

    /** {@value ConsentSettings#COOKIE_UNDECLARED}: what the filter does with cookies the policy does not declare. */
    public ConsentSettingsBuilder undeclaredCookies(UndeclaredCookies undeclared) {
        values.undeclaredCookies = CookieSettings.checkUndeclared(undeclared);
        return this;
    }

    /**
     * {@value ConsentSettings#FILTER_ENABLED}: whether the filter runs. Off, no request is decided or gated,
     * and {@code Set-Cookie} headers pass unchecked: for measuring what the filter costs, never on a live
     * site.
     */
    public ConsentSettingsBuilder filterEnabled(boolean enabled) {
        values.filterEnabled = enabled;
        return this;
    }

    /**
     * {@value ConsentSettings#FILTER_URL_PATTERNS}: the servlet URL patterns the filter runs on; default
     * {@code /*}.
     */
    public ConsentSettingsBuilder filterUrlPatterns(List<String> patterns) {
        values.filterUrlPatterns = FilterMapping.checkUrlPatterns(patterns);
        return this;
    }

    /**
     * {@value ConsentSettings#ENDPOINT_PATH}: the visitor endpoint's path; default
     * {@value ConsentEndpoint#DEFAULT_PATH}.
     */
    public ConsentSettingsBuilder endpointPath(String path) {
        values.endpointPath = SettingChecks.path(ConsentSettings.ENDPOINT_PATH, path);
        return this;
    }

    /** {@value ConsentSettings#RATE_LIMIT_POSTS}: choices one network (/24 or /48) may post per window; default 30. */
    public ConsentSettingsBuilder rateLimitPosts(int posts) {
        values.rateLimitPosts = VisitorEndpointSettings.checkRateLimitPosts(posts);
        return this;
    }

    /** {@value ConsentSettings#RATE_LIMIT_WINDOW}: the rate limit's window; default a minute. */
    public ConsentSettingsBuilder rateLimitWindow(Duration window) {
        values.rateLimitWindow = SettingChecks.positive(ConsentSettings.RATE_LIMIT_WINDOW, window);
        return this;
    }

    /**
     * {@value ConsentSettings#AUDIT_PATH}: the auditor endpoint's path; default
     * {@value AuditEndpoint#DEFAULT_PATH}.
     */
    public ConsentSettingsBuilder auditPath(String path) {
        values.auditPath = SettingChecks.path(ConsentSettings.AUDIT_PATH, path);
        return this;
    }

    /**
     * {@value ConsentSettings#AUDIT_TOKEN_HASHES}: the SHA-256 (hex) of each auditor bearer token
     * ({@code printf %s "$TOKEN" | sha256sum}); blank entries are skipped. Without any, the auditor endpoint
     * is off unless {@linkplain #auditContainerAuthentication container authentication} guards it.
     */
    public ConsentSettingsBuilder auditTokenHashes(List<String> hashes) {
        values.auditTokenHashes = AuditSettings.keptTokenHashes(hashes);
        return this;
    }

    /**
     * {@value ConsentSettings#AUDIT_MAX_RANGE}: the longest range one export, verification or statistics
     * request may cover.
     */
    public ConsentSettingsBuilder auditMaxRange(Duration maxRange) {
        values.auditMaxRange = SettingChecks.positive(ConsentSettings.AUDIT_MAX_RANGE, maxRange);
        return this;
    }

    /**
     * Whether the auditor endpoint also lets in requests that a security layer in front of it
     * authenticated, and is on without token hashes. Turn it on only when that layer lets only
     * auditors reach the endpoint's path, as the starter's Spring Security chain does.
     */
    public ConsentSettingsBuilder auditContainerAuthentication(boolean containerAuthentication) {
        values.auditContainerAuthentication = containerAuthentication;
        return this;
    }

    /** The site's age-band hook (C28), for the filter and the visitor endpoint. */
    public ConsentSettingsBuilder ageBandResolver(AgeBandResolver resolver) {
        values.ageBandResolver = resolver;
        return this;
    }

    /** The site's account-reference hook (C22), recorded with each choice of a signed-in visitor. */
    public ConsentSettingsBuilder accountReferenceResolver(AccountReferenceResolver resolver) {
        values.accountReferenceResolver = resolver;
        return this;
    }

    /**
     * {@value ConsentSettings#ACCOUNT_RESTORE}: whether a signed-in visitor's newest choice follows them to
     * their other devices (with the {@linkplain #accountReferenceResolver account hook}); default off.
     */
    public ConsentSettingsBuilder accountRestore(boolean restore) {
        values.accountRestore = restore;
        return this;
    }

    /**
     * {@value ConsentSettings#ACCOUNT_CHECK_INTERVAL}: how long a node trusts what it last read of an
     * account's newest choice; default 5 seconds, zero to 10 minutes (zero: read on every request).
     */
    public ConsentSettingsBuilder accountCheckInterval(Duration interval) {
        values.accountCheckInterval = AccountSettings.checkInterval(interval);
        return this;
    }

    /** Adds a listener told of every decision the filter makes, for metrics. */
    public ConsentSettingsBuilder decisionListener(DecisionListener listener) {
        values.decisionListeners.add(Objects.requireNonNull(listener, "decisionListener"));
        return this;
    }

    /** Adds a listener told of every cookie the filter drops, for metrics. */
    public ConsentSettingsBuilder cookieDropListener(CookieDropListener listener) {
        values.cookieDropListeners.add(Objects.requireNonNull(listener, "cookieDropListener"));
        return this;
    }

    /**
     * Runs the recording of the GPC and DNT signals and the expiries the filter sees (C18, C19); default
     * the assembly's own single daemon thread with a bounded queue. For tests that wait for the records.
     */
    public ConsentSettingsBuilder impliedRecordExecutor(Executor executor) {
        values.impliedRecordExecutor = Objects.requireNonNull(executor, "impliedRecordExecutor");
        return this;
    }

    /** The site's hook that sends a child's parental-consent link to a parent (C28); default: show it. */
    public ConsentSettingsBuilder parentalLinkSender(ParentalLinkSender sender) {
        values.parentalLinkSender = sender;
        return this;
    }

    /** How long a parental-consent link counts (C28); default 7 days, at least a minute, at most 30 days. */
    public ConsentSettingsBuilder parentalLinkLifetime(Duration lifetime) {
        values.parentalLinkLifetime = SiteHooks.checkParentalLinkLifetime(lifetime);
        return this;
    }

    /**
     * Where the banner's {@code consent.js} and {@code consent.css} are served below the context path, for
     * the {@code <head>} markup; default {@link ConsentSettings#DEFAULT_ASSETS_PATH}.
     */
    public ConsentSettingsBuilder assetsPath(String path) {
        values.assetsPath = SettingChecks.path("assetsPath", path);
        return this;
    }

    /**
     * {@value ConsentSettings#CSP_NONCE_ATTRIBUTE}: the request attribute in which the site's own filter
     * puts the nonce of the response's {@code Content-Security-Policy} ({@code script-src 'nonce-…'});
     * every script element of the {@code <head>} markup then carries it. Default null: no nonce; blank
     * counts as null.
     *
     * @throws IllegalArgumentException naming the property when the name has white space inside
     */
    public ConsentSettingsBuilder cspNonceAttribute(String attribute) {
        values.cspNonceAttribute = CspNonce.checkAttributeName(attribute);
        return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when the auditor endpoint's path is the visitor endpoint's, or a
     *     {@code __Host-} cookie has a domain or a path other than {@code /}
     */
    public ConsentSettings build() {
        values.checkTogether();
        return new ConsentSettings(this);
    }
}
