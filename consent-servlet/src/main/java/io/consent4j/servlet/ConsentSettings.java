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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Everything {@link ConsentAssembly} needs to build consent4j for a servlet application, in one
 * immutable object: keys, policy, ledger, cookie, paths, rate limit, auditor access, retention, the
 * site's hooks and dev mode. Both front doors fill it and do nothing else: {@link ConsentServletSetup}
 * from servlet context parameters, the Spring Boot starter from its properties and the application's
 * beans. Each setting has one property name, the constants below, the same on both fronts; the
 * {@linkplain ConsentSettingsBuilder builder} checks each value at once and fails with an
 * {@link IllegalArgumentException} that names the property. {@code docs/CONFIGURATION.md} lists every
 * property with its default.
 *
 * <p>Settings that only exist in code (clock, class loader, hooks, listeners, a policy or ledger object)
 * have no property name.
 */
public final class ConsentSettings {

    /** Dev mode: throwaway keys when none are set, and a consent cookie without {@code Secure}. */
    public static final String DEV_MODE = "consent4j.dev-mode";
    /** Where the policy JSON is: a file path, {@code file:} or {@code classpath:}. */
    public static final String POLICY_LOCATION = "consent4j.policy.location";
    /** Whether a text missing in one of the policy's languages stops the start. */
    public static final String POLICY_STRICT = "consent4j.policy.strict";
    /** The cookie HMAC keys, {@code id:base64}, the signing key first. */
    public static final String COOKIE_KEYS = "consent4j.cookie.keys";
    /** The consent cookie's name. */
    public static final String COOKIE_NAME = "consent4j.cookie.name";
    /** Whether the consent cookie is {@code Secure}. */
    public static final String COOKIE_SECURE = "consent4j.cookie.secure";
    /** The consent cookie's {@code Domain}, so that every host below it shares one choice. */
    public static final String COOKIE_DOMAIN = "consent4j.cookie.domain";
    /** The consent cookie's {@code Path}. */
    public static final String COOKIE_PATH = "consent4j.cookie.path";
    /** What the filter does with cookies the policy does not declare: {@code warn} or {@code drop}. */
    public static final String COOKIE_UNDECLARED = "consent4j.cookie.undeclared";
    /** The Ed25519 private key of receipts and checkpoints, base64. */
    public static final String RECEIPT_KEY = "consent4j.receipt.key";
    /** The receipt key's id. */
    public static final String RECEIPT_KEY_ID = "consent4j.receipt.key-id";
    /** Where records go: {@code memory}, {@code h2}, {@code datasource} or {@code jndi}. */
    public static final String LEDGER_STORE = "consent4j.ledger.store";
    /** The H2 database file of the {@code h2} store. */
    public static final String LEDGER_PATH = "consent4j.ledger.path";
    /** The JNDI name of the {@code DataSource} of the {@code jndi} store. */
    public static final String LEDGER_JNDI_NAME = "consent4j.ledger.jndi-name";
    /** When a JDBC ledger creates its tables: {@code always}, {@code embedded} or {@code never}. */
    public static final String LEDGER_INITIALIZE_SCHEMA = "consent4j.ledger.initialize-schema";
    /** How long records are kept before the retention job purges them. */
    public static final String LEDGER_RETENTION = "consent4j.ledger.retention";
    /** How often the retention job runs. */
    public static final String LEDGER_RETENTION_INTERVAL = "consent4j.ledger.retention-interval";
    /** Whether the filter runs. */
    public static final String FILTER_ENABLED = "consent4j.filter.enabled";
    /** The filter's URL patterns. */
    public static final String FILTER_URL_PATTERNS = "consent4j.filter.url-patterns";
    /** The visitor endpoint's path. */
    public static final String ENDPOINT_PATH = "consent4j.endpoint.path";
    /** Choices one network may post per window. */
    public static final String RATE_LIMIT_POSTS = "consent4j.endpoint.rate-limit.posts";
    /** The window of the rate limit. */
    public static final String RATE_LIMIT_WINDOW = "consent4j.endpoint.rate-limit.window";
    /** The auditor endpoint's path. */
    public static final String AUDIT_PATH = "consent4j.audit.path";
    /** The SHA-256 (hex) of each auditor token. */
    public static final String AUDIT_TOKEN_HASHES = "consent4j.audit.token-hashes";
    /** The longest range one auditor request may cover. */
    public static final String AUDIT_MAX_RANGE = "consent4j.audit.max-range";
    /** Whether a signed-in visitor's newest choice is brought to their other devices. */
    public static final String ACCOUNT_RESTORE = "consent4j.account.restore";
    /** How long a node trusts what it last read of an account's newest choice. */
    public static final String ACCOUNT_CHECK_INTERVAL = "consent4j.account.check-interval";
    /** How long a parental-consent link can be used. */
    public static final String PARENTAL_LINK_LIFETIME = "consent4j.parental.link-lifetime";
    /** The request attribute that holds the response's Content-Security-Policy nonce. */
    public static final String CSP_NONCE_ATTRIBUTE = "consent4j.csp.nonce-attribute";

    /** The H2 file of the {@code h2} store unless set: {@code consent4j/ledger} in the working directory. */
    public static final Path DEFAULT_LEDGER_PATH = Path.of("consent4j", "ledger");
    /** The receipt key id unless set. */
    public static final String DEFAULT_RECEIPT_KEY_ID = "receipts-1";
    /** The retention job's interval unless set. */
    public static final Duration DEFAULT_RETENTION_INTERVAL = Duration.ofDays(1);
    /** The choices one network may post per window unless set. */
    public static final int DEFAULT_RATE_LIMIT_POSTS = 30;
    /** The rate limit's window unless set. */
    public static final Duration DEFAULT_RATE_LIMIT_WINDOW = Duration.ofMinutes(1);
    /** The auditor requests' longest range unless set. */
    public static final Duration DEFAULT_AUDIT_MAX_RANGE = Duration.ofDays(366);
    /**
     * Where the banner's {@code consent.js} and {@code consent.css} are served below the context path
     * unless set: {@code /consent4j/VERSION}, where the {@code consent-banner-assets} jar of the same
     * version serves them.
     */
    public static final String DEFAULT_ASSETS_PATH = "/consent4j/" + ModuleVersion.read();

    /** Where the ledger's records go. */
    public enum LedgerStore {
        /** In memory: lost on restart, for demos and tests. */
        MEMORY,
        /** An embedded H2 database file at {@code consent4j.ledger.path}; needs {@code com.h2database:h2}. */
        H2,
        /** The application's {@link DataSource}: the Spring Boot one, or one given in code. */
        DATASOURCE,
        /** The {@link DataSource} the container binds under {@code consent4j.ledger.jndi-name}. */
        JNDI
    }

    /** When a JDBC ledger on a {@link DataSource} creates its tables. */
    public enum SchemaInitialization {
        /** Always create the tables that are missing. */
        ALWAYS,
        /** Only in an embedded in-memory database, such as H2's {@code jdbc:h2:mem:}. */
        EMBEDDED,
        /** Never: the site's own migrations create them ({@code JdbcDialect.schemaScript()}). */
        NEVER
    }

    private final boolean devMode;
    private final Clock clock;
    private final ClassLoader classLoader;
    private final PolicySource policySource;
    private final KeySettings keys;
    private final LedgerChoice ledger;
    private final RetentionSettings retention;
    private final CookieSettings cookie;
    private final FilterMapping filter;
    private final VisitorEndpointSettings endpoint;
    private final AuditSettings audit;
    private final SiteHooks hooks;
    private final AccountSettings account;
    private final AssetSettings assets;

    /** Takes over the builder's values as they are now, each concern in its record. */
    ConsentSettings(ConsentSettingsBuilder b) {
        this.devMode = b.values.devMode;
        this.clock = b.values.clock;
        this.classLoader = b.values.classLoader;
        this.policySource = PolicySource.of(b.values);
        this.keys = KeySettings.of(b.values);
        this.ledger = LedgerChoice.of(b.values);
        this.retention = RetentionSettings.of(b.values);
        this.cookie = CookieSettings.of(b.values);
        this.filter = FilterMapping.of(b.values);
        this.endpoint = VisitorEndpointSettings.of(b.values);
        this.audit = AuditSettings.of(b.values);
        this.hooks = SiteHooks.of(b.values);
        this.account = AccountSettings.of(b.values);
        this.assets = AssetSettings.of(b.values);
    }

    /** A builder that starts from the defaults. */
    public static ConsentSettingsBuilder builder() {
        return new ConsentSettingsBuilder();
    }

    /** Whether dev mode is on ({@value #DEV_MODE}); default off. */
    public boolean devMode() {
        return devMode;
    }

    /** The clock of decisions, records, receipts and the retention job; default system UTC. */
    public Clock clock() {
        return clock;
    }

    /** The class loader {@code classpath:} locations are read from. */
    public ClassLoader classLoader() {
        return classLoader != null ? classLoader : ConsentSettings.class.getClassLoader();
    }

    /** The policy given in code, which wins over {@link #policyLocation()}; or null. */
    public ConsentPolicy policy() {
        return policySource.given();
    }

    /** {@value #POLICY_LOCATION}, or null. */
    public String policyLocation() {
        return policySource.location();
    }

    /** {@value #POLICY_STRICT}; default off. */
    public boolean policyStrict() {
        return policySource.strict();
    }

    /** {@value #COOKIE_KEYS}, the signing key first; empty when none is set. */
    public List<SigningKey> cookieKeys() {
        return keys.cookieKeys();
    }

    /** {@value #RECEIPT_KEY}, or null. */
    public String receiptKey() {
        return keys.receiptKey();
    }

    /** {@value #RECEIPT_KEY_ID}; default {@value #DEFAULT_RECEIPT_KEY_ID}. */
    public String receiptKeyId() {
        return keys.receiptKeyId();
    }

    /** The ledger given in code, which wins over {@link #ledgerStore()}; or null. The application closes it. */
    public ConsentLedger ledger() {
        return ledger.given();
    }

    /** {@value #LEDGER_STORE}, or null when none is chosen. */
    public LedgerStore ledgerStore() {
        return ledger.store();
    }

    /** {@value #LEDGER_PATH}; default {@code consent4j/ledger}. */
    public Path ledgerPath() {
        return ledger.path();
    }

    /** {@value #LEDGER_JNDI_NAME}, or null. */
    public String ledgerJndiName() {
        return ledger.jndiName();
    }

    /** The {@link DataSource} of the {@code datasource} store, or null. */
    public DataSource dataSource() {
        return ledger.dataSource();
    }

    /** {@value #LEDGER_INITIALIZE_SCHEMA}; default {@link SchemaInitialization#EMBEDDED}. */
    public SchemaInitialization initializeSchema() {
        return ledger.initializeSchema();
    }

    /** Applies the ledger customizers, in the order they were added, to {@code settings}. */
    public void customizeLedger(LedgerSettings.Builder settings) {
        ledger.customize(settings);
    }

    /** {@value #LEDGER_RETENTION}; default {@link RetentionJob#DEFAULT_RETENTION}. */
    public Duration retention() {
        return retention.retention();
    }

    /** {@value #LEDGER_RETENTION_INTERVAL}; default a day. */
    public Duration retentionInterval() {
        return retention.interval();
    }

    /** When the retention job runs; default {@link RetentionScheduler#DAEMON_THREAD}. */
    public RetentionScheduler retentionScheduler() {
        return retention.scheduler();
    }

    /** {@value #COOKIE_NAME}; default {@value ConsentFilterSettings#DEFAULT_COOKIE_NAME}. */
    public String cookieName() {
        return cookie.name();
    }

    /** Whether the consent cookie is {@code Secure}: {@value #COOKIE_SECURE} when set, else off only in dev mode. */
    public boolean secureCookie() {
        return cookie.secure(devMode);
    }

    /** {@value #COOKIE_DOMAIN}, or null for a host-only cookie (the default). */
    public String cookieDomain() {
        return cookie.domain();
    }

    /** {@value #COOKIE_PATH}; default {@code /}. */
    public String cookiePath() {
        return cookie.path();
    }

    /** {@value #COOKIE_UNDECLARED}; default {@link UndeclaredCookies#WARN}. */
    public UndeclaredCookies undeclaredCookies() {
        return cookie.undeclared();
    }

    /** {@value #FILTER_ENABLED}; default on. */
    public boolean filterEnabled() {
        return filter.enabled();
    }

    /** {@value #FILTER_URL_PATTERNS}; default {@code /*}. */
    public List<String> filterUrlPatterns() {
        return filter.urlPatterns();
    }

    /** {@value #ENDPOINT_PATH}; default {@value ConsentEndpoint#DEFAULT_PATH}. */
    public String endpointPath() {
        return endpoint.path();
    }

    /** {@value #RATE_LIMIT_POSTS}; default {@value #DEFAULT_RATE_LIMIT_POSTS}. */
    public int rateLimitPosts() {
        return endpoint.rateLimitPosts();
    }

    /** {@value #RATE_LIMIT_WINDOW}; default a minute. */
    public Duration rateLimitWindow() {
        return endpoint.rateLimitWindow();
    }

    /** {@value #AUDIT_PATH}; default {@value AuditEndpoint#DEFAULT_PATH}. */
    public String auditPath() {
        return audit.path();
    }

    /** {@value #AUDIT_TOKEN_HASHES}; empty unless set. */
    public List<String> auditTokenHashes() {
        return audit.tokenHashes();
    }

    /** {@value #AUDIT_MAX_RANGE}; default 366 days. */
    public Duration auditMaxRange() {
        return audit.maxRange();
    }

    /**
     * Whether the auditor endpoint also lets in requests that a security layer in front of it
     * authenticated (Spring Security in the starter); default off.
     */
    public boolean auditContainerAuthentication() {
        return audit.containerAuthentication();
    }

    /** Whether the auditor endpoint is on: with token hashes, or with container authentication. */
    public boolean auditEnabled() {
        return audit.enabled();
    }

    /** The site's age-band hook (C28), or null when the site marks no visitor. */
    public AgeBandResolver ageBandResolver() {
        return hooks.ageBandResolver();
    }

    /** Runs the recording of the signals and expiries the filter sees, or null for the assembly's own thread. */
    public Executor impliedRecordExecutor() {
        return hooks.impliedRecordExecutor();
    }

    /** The site's hook that sends parental-consent links (C28), or null when the child's banner shows them. */
    public ParentalLinkSender parentalLinkSender() {
        return hooks.parentalLinkSender();
    }

    /** How long a parental-consent link counts (C28). */
    public Duration parentalLinkLifetime() {
        return hooks.parentalLinkLifetime();
    }

    /** The site's account-reference hook (C22), or null when no visitor is signed in. */
    public AccountReferenceResolver accountReferenceResolver() {
        return hooks.accountReferenceResolver();
    }

    /** {@value #ACCOUNT_RESTORE}; default off. */
    public boolean accountRestore() {
        return account.restore();
    }

    /** {@value #ACCOUNT_CHECK_INTERVAL}; default 5 seconds. */
    public Duration accountCheckInterval() {
        return account.checkInterval();
    }

    /** Told of every decision the filter makes, in order. */
    public List<DecisionListener> decisionListeners() {
        return hooks.decisionListeners();
    }

    /** Told of every cookie the filter drops, in order. */
    public List<CookieDropListener> cookieDropListeners() {
        return hooks.cookieDropListeners();
    }

    /** Where the banner's assets are served below the context path; default {@link #DEFAULT_ASSETS_PATH}. */
    public String assetsPath() {
        return assets.path();
    }

    /** The request attribute that holds the CSP nonce of consent4j's script elements, or null for none. */
    public String cspNonceAttribute() {
        return assets.cspNonceAttribute();
    }
}
