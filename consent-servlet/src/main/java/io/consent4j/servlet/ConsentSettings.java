/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RetentionJob;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Everything {@link ConsentAssembly} needs to build consent4j for a servlet application, in one
 * immutable object: keys, policy, ledger, cookie, paths, rate limit, auditor access, retention, the
 * site's hooks and dev mode. Both front doors fill it and do nothing else: {@link ConsentServletSetup}
 * from servlet context parameters, the Spring Boot starter from its properties and the application's
 * beans. Each setting has one property name, the constants below, the same on both fronts; the
 * {@linkplain Builder builder} checks each value at once and fails with an {@link IllegalArgumentException}
 * that names the property. {@code docs/CONFIGURATION.md} lists every property with its default.
 *
 * <p>Settings that only exist in code (clock, class loader, hooks, listeners, a policy or ledger object)
 * have no property name.
 */
public final class ConsentSettings {

    /** Dev mode: throwaway keys when none are set, and a consent cookie without {@code Secure}. */
    public static final String DEV_MODE = "consent4j.dev-mode";
    /** Where the policy JSON is: a file path, {@code file:} or {@code classpath:}. */
    public static final String POLICY_LOCATION = "consent4j.policy.location";
    /** The cookie HMAC keys, {@code id:base64}, the signing key first. */
    public static final String COOKIE_KEYS = "consent4j.cookie.keys";
    /** The consent cookie's name. */
    public static final String COOKIE_NAME = "consent4j.cookie.name";
    /** Whether the consent cookie is {@code Secure}. */
    public static final String COOKIE_SECURE = "consent4j.cookie.secure";
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
    public static final String DEFAULT_ASSETS_PATH = "/consent4j/" + moduleVersion();

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
    private final ConsentPolicy policy;
    private final String policyLocation;
    private final List<SigningKey> cookieKeys;
    private final String receiptKey;
    private final String receiptKeyId;
    private final ConsentLedger ledger;
    private final LedgerStore ledgerStore;
    private final Path ledgerPath;
    private final String ledgerJndiName;
    private final DataSource dataSource;
    private final SchemaInitialization initializeSchema;
    private final List<Consumer<LedgerSettings.Builder>> ledgerCustomizers;
    private final Duration retention;
    private final Duration retentionInterval;
    private final RetentionScheduler retentionScheduler;
    private final String cookieName;
    private final Boolean cookieSecure;
    private final UndeclaredCookies undeclaredCookies;
    private final boolean filterEnabled;
    private final List<String> filterUrlPatterns;
    private final String endpointPath;
    private final int rateLimitPosts;
    private final Duration rateLimitWindow;
    private final String auditPath;
    private final List<String> auditTokenHashes;
    private final Duration auditMaxRange;
    private final boolean auditContainerAuthentication;
    private final AgeBandResolver ageBandResolver;
    private final AccountReferenceResolver accountReferenceResolver;
    private final List<DecisionListener> decisionListeners;
    private final List<CookieDropListener> cookieDropListeners;
    private final String assetsPath;

    private ConsentSettings(Builder b) {
        this.devMode = b.devMode;
        this.clock = b.clock;
        this.classLoader = b.classLoader;
        this.policy = b.policy;
        this.policyLocation = b.policyLocation;
        this.cookieKeys = List.copyOf(b.cookieKeys);
        this.receiptKey = b.receiptKey;
        this.receiptKeyId = b.receiptKeyId;
        this.ledger = b.ledger;
        this.ledgerStore = b.ledgerStore;
        this.ledgerPath = b.ledgerPath;
        this.ledgerJndiName = b.ledgerJndiName;
        this.dataSource = b.dataSource;
        this.initializeSchema = b.initializeSchema;
        this.ledgerCustomizers = List.copyOf(b.ledgerCustomizers);
        this.retention = b.retention;
        this.retentionInterval = b.retentionInterval;
        this.retentionScheduler = b.retentionScheduler;
        this.cookieName = b.cookieName;
        this.cookieSecure = b.cookieSecure;
        this.undeclaredCookies = b.undeclaredCookies;
        this.filterEnabled = b.filterEnabled;
        this.filterUrlPatterns = List.copyOf(b.filterUrlPatterns);
        this.endpointPath = b.endpointPath;
        this.rateLimitPosts = b.rateLimitPosts;
        this.rateLimitWindow = b.rateLimitWindow;
        this.auditPath = b.auditPath;
        this.auditTokenHashes = List.copyOf(b.auditTokenHashes);
        this.auditMaxRange = b.auditMaxRange;
        this.auditContainerAuthentication = b.auditContainerAuthentication;
        this.ageBandResolver = b.ageBandResolver;
        this.accountReferenceResolver = b.accountReferenceResolver;
        this.decisionListeners = List.copyOf(b.decisionListeners);
        this.cookieDropListeners = List.copyOf(b.cookieDropListeners);
        this.assetsPath = b.assetsPath;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
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
        return policy;
    }

    /** {@value #POLICY_LOCATION}, or null. */
    public String policyLocation() {
        return policyLocation;
    }

    /** {@value #COOKIE_KEYS}, the signing key first; empty when none is set. */
    public List<SigningKey> cookieKeys() {
        return cookieKeys;
    }

    /** {@value #RECEIPT_KEY}, or null. */
    public String receiptKey() {
        return receiptKey;
    }

    /** {@value #RECEIPT_KEY_ID}; default {@value #DEFAULT_RECEIPT_KEY_ID}. */
    public String receiptKeyId() {
        return receiptKeyId;
    }

    /** The ledger given in code, which wins over {@link #ledgerStore()}; or null. The application closes it. */
    public ConsentLedger ledger() {
        return ledger;
    }

    /** {@value #LEDGER_STORE}, or null when none is chosen. */
    public LedgerStore ledgerStore() {
        return ledgerStore;
    }

    /** {@value #LEDGER_PATH}; default {@code consent4j/ledger}. */
    public Path ledgerPath() {
        return ledgerPath;
    }

    /** {@value #LEDGER_JNDI_NAME}, or null. */
    public String ledgerJndiName() {
        return ledgerJndiName;
    }

    /** The {@link DataSource} of the {@code datasource} store, or null. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** {@value #LEDGER_INITIALIZE_SCHEMA}; default {@link SchemaInitialization#EMBEDDED}. */
    public SchemaInitialization initializeSchema() {
        return initializeSchema;
    }

    /** Applies the ledger customizers, in the order they were added, to {@code settings}. */
    public void customizeLedger(LedgerSettings.Builder settings) {
        ledgerCustomizers.forEach(c -> c.accept(settings));
    }

    /** {@value #LEDGER_RETENTION}; default {@link RetentionJob#DEFAULT_RETENTION}. */
    public Duration retention() {
        return retention;
    }

    /** {@value #LEDGER_RETENTION_INTERVAL}; default a day. */
    public Duration retentionInterval() {
        return retentionInterval;
    }

    /** When the retention job runs; default {@link RetentionScheduler#DAEMON_THREAD}. */
    public RetentionScheduler retentionScheduler() {
        return retentionScheduler;
    }

    /** {@value #COOKIE_NAME}; default {@value ConsentFilterSettings#DEFAULT_COOKIE_NAME}. */
    public String cookieName() {
        return cookieName;
    }

    /** Whether the consent cookie is {@code Secure}: {@value #COOKIE_SECURE} when set, else off only in dev mode. */
    public boolean secureCookie() {
        return cookieSecure != null ? cookieSecure : !devMode;
    }

    /** {@value #COOKIE_UNDECLARED}; default {@link UndeclaredCookies#WARN}. */
    public UndeclaredCookies undeclaredCookies() {
        return undeclaredCookies;
    }

    /** {@value #FILTER_ENABLED}; default on. */
    public boolean filterEnabled() {
        return filterEnabled;
    }

    /** {@value #FILTER_URL_PATTERNS}; default {@code /*}. */
    public List<String> filterUrlPatterns() {
        return filterUrlPatterns;
    }

    /** {@value #ENDPOINT_PATH}; default {@value ConsentEndpoint#DEFAULT_PATH}. */
    public String endpointPath() {
        return endpointPath;
    }

    /** {@value #RATE_LIMIT_POSTS}; default {@value #DEFAULT_RATE_LIMIT_POSTS}. */
    public int rateLimitPosts() {
        return rateLimitPosts;
    }

    /** {@value #RATE_LIMIT_WINDOW}; default a minute. */
    public Duration rateLimitWindow() {
        return rateLimitWindow;
    }

    /** {@value #AUDIT_PATH}; default {@value AuditEndpoint#DEFAULT_PATH}. */
    public String auditPath() {
        return auditPath;
    }

    /** {@value #AUDIT_TOKEN_HASHES}; empty unless set. */
    public List<String> auditTokenHashes() {
        return auditTokenHashes;
    }

    /** {@value #AUDIT_MAX_RANGE}; default 366 days. */
    public Duration auditMaxRange() {
        return auditMaxRange;
    }

    /**
     * Whether the auditor endpoint also lets in requests that a security layer in front of it
     * authenticated (Spring Security in the starter); default off.
     */
    public boolean auditContainerAuthentication() {
        return auditContainerAuthentication;
    }

    /** Whether the auditor endpoint is on: with token hashes, or with container authentication. */
    public boolean auditEnabled() {
        return !auditTokenHashes.isEmpty() || auditContainerAuthentication;
    }

    /** The site's age-band hook (C28), or null when the site marks no visitor. */
    public AgeBandResolver ageBandResolver() {
        return ageBandResolver;
    }

    /** The site's account-reference hook (C22), or null when no visitor is signed in. */
    public AccountReferenceResolver accountReferenceResolver() {
        return accountReferenceResolver;
    }

    /** Told of every decision the filter makes, in order. */
    public List<DecisionListener> decisionListeners() {
        return decisionListeners;
    }

    /** Told of every cookie the filter drops, in order. */
    public List<CookieDropListener> cookieDropListeners() {
        return cookieDropListeners;
    }

    /** Where the banner's assets are served below the context path; default {@link #DEFAULT_ASSETS_PATH}. */
    public String assetsPath() {
        return assetsPath;
    }

    private static String moduleVersion() {
        Properties properties = new Properties();
        try (InputStream in = ConsentSettings.class.getResourceAsStream("consent-servlet.properties")) {
            if (in == null) {
                throw new IllegalStateException("consent-servlet.properties is missing from the consent4j servlet jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read consent-servlet.properties", e);
        }
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.startsWith("${")) {
            throw new IllegalStateException("consent-servlet.properties holds no version: '" + version + "'");
        }
        return version;
    }

    /** Checks a path such as {@code /consent}: a leading slash, no trailing slash, no wildcard. */
    static String checkPath(String name, String value) {
        if (value == null
                || !value.startsWith("/")
                || value.endsWith("/")
                || value.contains("*")
                || value.contains("//")) {
            throw bad(name, value, "is not a path such as /consent (leading slash, no trailing slash, no wildcard)");
        }
        return value;
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw bad(name, value, "must be a positive duration such as 1d, 30s or PT1M");
        }
        return value;
    }

    static IllegalArgumentException bad(String name, Object value, String problem) {
        return new IllegalArgumentException(name + " '" + value + "' " + problem);
    }

    /**
     * Builds {@link ConsentSettings}. Each setter checks its value and fails with an
     * {@link IllegalArgumentException} naming the property; {@link #build()} checks the settings that
     * depend on each other.
     */
    public static final class Builder {
        private boolean devMode;
        private Clock clock = Clock.systemUTC();
        private ClassLoader classLoader;
        private ConsentPolicy policy;
        private String policyLocation;
        private List<SigningKey> cookieKeys = List.of();
        private String receiptKey;
        private String receiptKeyId = DEFAULT_RECEIPT_KEY_ID;
        private ConsentLedger ledger;
        private LedgerStore ledgerStore;
        private Path ledgerPath = DEFAULT_LEDGER_PATH;
        private String ledgerJndiName;
        private DataSource dataSource;
        private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;
        private final List<Consumer<LedgerSettings.Builder>> ledgerCustomizers = new ArrayList<>();
        private Duration retention = RetentionJob.DEFAULT_RETENTION;
        private Duration retentionInterval = DEFAULT_RETENTION_INTERVAL;
        private RetentionScheduler retentionScheduler = RetentionScheduler.DAEMON_THREAD;
        private String cookieName = ConsentFilterSettings.DEFAULT_COOKIE_NAME;
        private Boolean cookieSecure;
        private UndeclaredCookies undeclaredCookies = UndeclaredCookies.WARN;
        private boolean filterEnabled = true;
        private List<String> filterUrlPatterns = List.of("/*");
        private String endpointPath = ConsentEndpoint.DEFAULT_PATH;
        private int rateLimitPosts = DEFAULT_RATE_LIMIT_POSTS;
        private Duration rateLimitWindow = DEFAULT_RATE_LIMIT_WINDOW;
        private String auditPath = AuditEndpoint.DEFAULT_PATH;
        private List<String> auditTokenHashes = List.of();
        private Duration auditMaxRange = DEFAULT_AUDIT_MAX_RANGE;
        private boolean auditContainerAuthentication;
        private AgeBandResolver ageBandResolver;
        private AccountReferenceResolver accountReferenceResolver;
        private final List<DecisionListener> decisionListeners = new ArrayList<>();
        private final List<CookieDropListener> cookieDropListeners = new ArrayList<>();
        private String assetsPath = DEFAULT_ASSETS_PATH;

        private Builder() {}

        /**
         * {@value #DEV_MODE}: throwaway cookie and receipt keys where none are set (each logged as a
         * warning; cookies and receipts do not survive a restart) and a consent cookie without
         * {@code Secure} unless {@value #COOKIE_SECURE} says otherwise. Never in production.
         */
        public Builder devMode(boolean devMode) {
            this.devMode = devMode;
            return this;
        }

        /** The clock of decisions, records, receipts and the retention job; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The class loader {@code classpath:} locations are read from; default the one of this class. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** The policy, built in code; it wins over {@value #POLICY_LOCATION}. */
        public Builder policy(ConsentPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * {@value #POLICY_LOCATION}: the policy JSON, as a file path, a {@code file:} path or a
         * {@code classpath:} resource, such as {@code classpath:consent-policy.json}.
         */
        public Builder policyLocation(String location) {
            this.policyLocation = blankToNull(location);
            return this;
        }

        /**
         * {@value #COOKIE_KEYS}: the HMAC keys of the consent cookie, each {@code id:base64}, the one that
         * signs first and older ones after it, which still verify their cookies (rotation). Blank entries
         * are skipped. Generate a key with {@code openssl rand -base64 32}.
         *
         * @throws IllegalArgumentException naming the entry ({@code consent4j.cookie.keys[1]}) that has no
         *     id, is not base64 or is shorter than 32 bytes
         */
        public Builder cookieKeys(List<String> entries) {
            List<SigningKey> keys = new ArrayList<>();
            List<String> given = entries == null ? List.of() : entries;
            for (int i = 0; i < given.size(); i++) {
                String entry = given.get(i);
                if (entry == null || entry.isBlank()) {
                    continue;
                }
                try {
                    keys.add(SigningKey.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            COOKIE_KEYS + "[" + i + "]: " + e.getMessage() + ". " + KeyReader.COOKIE_KEY_HINT, e);
                }
            }
            this.cookieKeys = List.copyOf(keys);
            return this;
        }

        /**
         * {@value #RECEIPT_KEY}: the Ed25519 private key that signs receipts and checkpoints, base64 of
         * its PKCS#8 DER form ({@code openssl genpkey -algorithm ed25519 -outform DER | base64}).
         */
        public Builder receiptKey(String receiptKey) {
            this.receiptKey = blankToNull(receiptKey);
            return this;
        }

        /**
         * {@value #RECEIPT_KEY_ID}: the receipt key's id, named in every receipt and in the published
         * JWK: 1 to 64 letters, digits, {@code .}, {@code -} or {@code _}. Default
         * {@value #DEFAULT_RECEIPT_KEY_ID}.
         */
        public Builder receiptKeyId(String keyId) {
            String id = keyId == null ? DEFAULT_RECEIPT_KEY_ID : keyId.strip();
            try {
                this.receiptKeyId = ReceiptSigner.checkKeyId(id);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RECEIPT_KEY_ID + " " + e.getMessage(), e);
            }
            return this;
        }

        /** A ledger of the application's own; it wins over {@value #LEDGER_STORE}, and the application closes it. */
        public Builder ledger(ConsentLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /** {@value #LEDGER_STORE}: where records go; null leaves it unchosen. */
        public Builder ledgerStore(LedgerStore store) {
            this.ledgerStore = store;
            return this;
        }

        /** {@value #LEDGER_PATH}: the H2 database file of the {@code h2} store. */
        public Builder ledgerPath(Path path) {
            this.ledgerPath = path == null ? DEFAULT_LEDGER_PATH : path;
            return this;
        }

        /** {@value #LEDGER_JNDI_NAME}: the name of the container's {@link DataSource} for the {@code jndi} store. */
        public Builder ledgerJndiName(String name) {
            this.ledgerJndiName = blankToNull(name);
            return this;
        }

        /** The {@link DataSource} of the {@code datasource} store. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /**
         * {@value #LEDGER_INITIALIZE_SCHEMA}: when the ledger on a {@link DataSource} ({@code datasource}
         * or {@code jndi} store) creates its missing tables; default {@link SchemaInitialization#EMBEDDED}.
         */
        public Builder initializeSchema(SchemaInitialization initializeSchema) {
            if (initializeSchema == null) {
                throw bad(LEDGER_INITIALIZE_SCHEMA, null, "must be always, embedded or never");
            }
            this.initializeSchema = initializeSchema;
            return this;
        }

        /** Adjusts the settings of the ledger the assembly builds (chain id, checkpoints); applied in order. */
        public Builder ledgerCustomizer(Consumer<LedgerSettings.Builder> customizer) {
            this.ledgerCustomizers.add(Objects.requireNonNull(customizer, "ledgerCustomizer"));
            return this;
        }

        /**
         * {@value #LEDGER_RETENTION}: how long records are kept before the retention job purges them
         * (C26); at least 13 months (396 days), the longest a consent lasts, so that its proof outlives
         * it. Default {@link RetentionJob#DEFAULT_RETENTION}, three years.
         */
        public Builder retention(Duration retention) {
            positive(LEDGER_RETENTION, retention);
            if (retention.compareTo(Duration.ofDays(396)) < 0) {
                throw bad(
                        LEDGER_RETENTION,
                        retention,
                        "must be at least 13 months (396 days), so that proof outlives every consent");
            }
            this.retention = retention;
            return this;
        }

        /** {@value #LEDGER_RETENTION_INTERVAL}: how often the retention job runs; default a day. */
        public Builder retentionInterval(Duration interval) {
            this.retentionInterval = positive(LEDGER_RETENTION_INTERVAL, interval);
            return this;
        }

        /** When the retention job runs; default {@link RetentionScheduler#DAEMON_THREAD}. */
        public Builder retentionScheduler(RetentionScheduler scheduler) {
            this.retentionScheduler = Objects.requireNonNull(scheduler, "retentionScheduler");
            return this;
        }

        /**
         * {@value #COOKIE_NAME}: the consent cookie's name; default
         * {@value ConsentFilterSettings#DEFAULT_COOKIE_NAME}. {@code __Host-consent4j} is a good choice on
         * HTTPS sites.
         */
        public Builder cookieName(String name) {
            if (!CookieNames.valid(name)) {
                throw bad(COOKIE_NAME, name, CookieNames.RULE);
            }
            this.cookieName = name;
            return this;
        }

        /** {@value #COOKIE_SECURE}: whether the consent cookie is {@code Secure}; null: off only in dev mode. */
        public Builder cookieSecure(Boolean secure) {
            this.cookieSecure = secure;
            return this;
        }

        /** {@value #COOKIE_UNDECLARED}: what the filter does with cookies the policy does not declare. */
        public Builder undeclaredCookies(UndeclaredCookies undeclared) {
            if (undeclared == null) {
                throw bad(COOKIE_UNDECLARED, null, "must be warn or drop");
            }
            this.undeclaredCookies = undeclared;
            return this;
        }

        /**
         * {@value #FILTER_ENABLED}: whether the filter runs. Off, no request is decided or gated, and
         * {@code Set-Cookie} headers pass unchecked: for measuring what the filter costs, never on a live
         * site.
         */
        public Builder filterEnabled(boolean enabled) {
            this.filterEnabled = enabled;
            return this;
        }

        /** {@value #FILTER_URL_PATTERNS}: the servlet URL patterns the filter runs on; default {@code /*}. */
        public Builder filterUrlPatterns(List<String> patterns) {
            List<String> kept = patterns == null
                    ? List.of()
                    : patterns.stream()
                            .filter(p -> p != null && !p.isBlank())
                            .map(String::strip)
                            .toList();
            if (kept.isEmpty()) {
                throw bad(FILTER_URL_PATTERNS, patterns, "must hold at least one pattern, such as /*");
            }
            this.filterUrlPatterns = kept;
            return this;
        }

        /** {@value #ENDPOINT_PATH}: the visitor endpoint's path; default {@value ConsentEndpoint#DEFAULT_PATH}. */
        public Builder endpointPath(String path) {
            this.endpointPath = checkPath(ENDPOINT_PATH, path);
            return this;
        }

        /** {@value #RATE_LIMIT_POSTS}: choices one network (/24 or /48) may post per window; default 30. */
        public Builder rateLimitPosts(int posts) {
            if (posts < 1) {
                throw bad(RATE_LIMIT_POSTS, posts, "must be at least 1");
            }
            this.rateLimitPosts = posts;
            return this;
        }

        /** {@value #RATE_LIMIT_WINDOW}: the rate limit's window; default a minute. */
        public Builder rateLimitWindow(Duration window) {
            this.rateLimitWindow = positive(RATE_LIMIT_WINDOW, window);
            return this;
        }

        /** {@value #AUDIT_PATH}: the auditor endpoint's path; default {@value AuditEndpoint#DEFAULT_PATH}. */
        public Builder auditPath(String path) {
            this.auditPath = checkPath(AUDIT_PATH, path);
            return this;
        }

        /**
         * {@value #AUDIT_TOKEN_HASHES}: the SHA-256 (hex) of each auditor bearer token
         * ({@code printf %s "$TOKEN" | sha256sum}); blank entries are skipped. Without any, the auditor
         * endpoint is off unless {@linkplain #auditContainerAuthentication container authentication}
         * guards it.
         */
        public Builder auditTokenHashes(List<String> hashes) {
            this.auditTokenHashes = hashes == null
                    ? List.of()
                    : hashes.stream()
                            .map(h -> h == null ? "" : h.strip())
                            .filter(h -> !h.isEmpty())
                            .toList();
            return this;
        }

        /** {@value #AUDIT_MAX_RANGE}: the longest range one export, verification or statistics request may cover. */
        public Builder auditMaxRange(Duration maxRange) {
            this.auditMaxRange = positive(AUDIT_MAX_RANGE, maxRange);
            return this;
        }

        /**
         * Whether the auditor endpoint also lets in requests that a security layer in front of it
         * authenticated, and is on without token hashes. Turn it on only when that layer lets only
         * auditors reach the endpoint's path, as the starter's Spring Security chain does.
         */
        public Builder auditContainerAuthentication(boolean containerAuthentication) {
            this.auditContainerAuthentication = containerAuthentication;
            return this;
        }

        /** The site's age-band hook (C28), for the filter and the visitor endpoint. */
        public Builder ageBandResolver(AgeBandResolver resolver) {
            this.ageBandResolver = resolver;
            return this;
        }

        /** The site's account-reference hook (C22), recorded with each choice of a signed-in visitor. */
        public Builder accountReferenceResolver(AccountReferenceResolver resolver) {
            this.accountReferenceResolver = resolver;
            return this;
        }

        /** Adds a listener told of every decision the filter makes, for metrics. */
        public Builder decisionListener(DecisionListener listener) {
            this.decisionListeners.add(Objects.requireNonNull(listener, "decisionListener"));
            return this;
        }

        /** Adds a listener told of every cookie the filter drops, for metrics. */
        public Builder cookieDropListener(CookieDropListener listener) {
            this.cookieDropListeners.add(Objects.requireNonNull(listener, "cookieDropListener"));
            return this;
        }

        /**
         * Where the banner's {@code consent.js} and {@code consent.css} are served below the context
         * path, for the {@code <head>} markup; default {@link #DEFAULT_ASSETS_PATH}.
         */
        public Builder assetsPath(String path) {
            this.assetsPath = checkPath("assetsPath", path);
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException when the auditor endpoint's path is the visitor endpoint's
         */
        public ConsentSettings build() {
            if (endpointPath.equals(auditPath)) {
                throw bad(AUDIT_PATH, auditPath, "must differ from " + ENDPOINT_PATH);
            }
            return new ConsentSettings(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
