/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.PurgeableConsentLedger;
import io.consent4j.core.ledger.RetentionJob;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.SigningKey;
import io.consent4j.core.token.SigningKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
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

    /** How to make a cookie key, for messages. */
    static final String COOKIE_KEY_HINT = "Generate a key with 'openssl rand -base64 32' and set "
            + ConsentSettings.COOKIE_KEYS + "=k1:<that key> (for local development only: " + ConsentSettings.DEV_MODE
            + "=true)";

    /** How to make a receipt key, for messages. */
    static final String RECEIPT_KEY_HINT = "Generate an Ed25519 key with 'openssl genpkey -algorithm ed25519"
            + " -outform DER | base64' and set " + ConsentSettings.RECEIPT_KEY + "=<that key> (for local"
            + " development only: " + ConsentSettings.DEV_MODE + "=true)";

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
        if (settings.policy() != null) {
            return settings.policy();
        }
        String location = settings.policyLocation();
        String name = ConsentSettings.POLICY_LOCATION;
        if (location == null) {
            throw new IllegalStateException(name + " is missing: set it to the policy JSON, such as"
                    + " classpath:consent-policy.json or /etc/site/consent-policy.json, or give the policy in code");
        }
        InputStream opened;
        try {
            opened = open(location, settings.classLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(name + " '" + location + "' cannot be read: " + e.getMessage(), e);
        }
        try (InputStream in = opened) {
            return ConsentPolicy.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " '" + location + "' cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " '" + location + "' is not a valid policy: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location, ClassLoader classLoader) throws IOException {
        String name = ConsentSettings.POLICY_LOCATION;
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).strip();
            while (resource.startsWith("/")) {
                resource = resource.substring(1);
            }
            URL url = classLoader.getResource(resource);
            if (url == null) {
                throw new IllegalStateException(
                        name + " '" + location + "' does not exist: there is no such class-path resource");
            }
            return url.openStream();
        }
        Path path;
        try {
            path = location.startsWith("file:") ? fileUrlPath(location) : Path.of(location);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " '" + location + "' is not a file path: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(name + " '" + location + "' does not exist or is not a readable file");
        }
        return Files.newInputStream(path);
    }

    /** {@code file:/etc/x.json} and {@code file:///etc/x.json} as URIs, {@code file:policy.json} as relative. */
    private static Path fileUrlPath(String location) {
        String rest = location.substring("file:".length());
        return rest.startsWith("/") ? Path.of(URI.create("file://" + rest.replaceFirst("^/+", "/"))) : Path.of(rest);
    }

    /**
     * The consent cookie's codec on {@value ConsentSettings#COOKIE_KEYS}, or on a throwaway key in dev
     * mode when none is set.
     *
     * @throws IllegalStateException when no key is set outside dev mode
     */
    public static CookieConsentCodec cookieCodec(ConsentSettings settings) {
        List<SigningKey> keys = settings.cookieKeys();
        if (keys.isEmpty()) {
            if (!settings.devMode()) {
                throw new IllegalStateException(ConsentSettings.COOKIE_KEYS + " is missing. " + COOKIE_KEY_HINT);
            }
            LOG.warn(
                    "consent4j DEV MODE: signing consent cookies with a THROWAWAY key; every visitor is asked"
                            + " again after a restart. Set {} in production.",
                    ConsentSettings.COOKIE_KEYS);
            return new CookieConsentCodec(SigningKeys.of(SigningKey.generate("dev")));
        }
        return new CookieConsentCodec(SigningKeys.of(keys.get(0), keys.subList(1, keys.size())));
    }

    /**
     * The signer of receipts and checkpoints on {@value ConsentSettings#RECEIPT_KEY} with its key id, or
     * on a throwaway key in dev mode when none is set.
     *
     * @throws IllegalStateException when the key is missing outside dev mode, or is not an Ed25519 key
     *     that signs what its public key verifies
     */
    public static ReceiptSigner receiptSigner(ConsentSettings settings) {
        String keyId = settings.receiptKeyId();
        String key = settings.receiptKey();
        String name = ConsentSettings.RECEIPT_KEY;
        if (key == null) {
            if (!settings.devMode()) {
                throw new IllegalStateException(name + " is missing. " + RECEIPT_KEY_HINT);
            }
            LOG.warn(
                    "consent4j DEV MODE: signing receipts with a THROWAWAY key; receipts cannot be verified"
                            + " after a restart. Set {} in production.",
                    name);
            return ReceiptSigner.generate(devKeyId(keyId));
        }
        try {
            return ReceiptSigner.fromBase64(keyId, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not valid: " + e.getMessage() + ". " + RECEIPT_KEY_HINT, e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(name + " (key id '" + keyId + "') cannot be used: " + e.getMessage(), e);
        }
    }

    /** The throwaway key's id: marked as such, and still at most the 64 characters a key id may have. */
    static String devKeyId(String keyId) {
        String id = "dev-" + keyId;
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    /**
     * The ledger of {@value ConsentSettings#LEDGER_STORE}, on the settings' clock and ledger customizers.
     * The caller closes it.
     *
     * @throws IllegalStateException when no store is chosen, or the chosen one cannot be opened
     */
    public static PurgeableConsentLedger ledger(ConsentSettings settings, ReceiptSigner signer) {
        String store = ConsentSettings.LEDGER_STORE;
        if (settings.ledgerStore() == null) {
            throw new IllegalStateException("no consent ledger. Set " + store + " to h2 (an embedded H2 file at "
                    + ConsentSettings.LEDGER_PATH + "), jndi (the container's DataSource named "
                    + ConsentSettings.LEDGER_JNDI_NAME + "), datasource (a DataSource given in code), or to"
                    + " memory for a demo whose records are lost on restart; or give a ledger in code");
        }
        LedgerSettings.Builder builder = LedgerSettings.builder(signer).clock(settings.clock());
        settings.customizeLedger(builder);
        LedgerSettings ledgerSettings = builder.build();
        return switch (settings.ledgerStore()) {
            case MEMORY -> {
                LOG.warn(
                        "consent4j uses the IN-MEMORY consent ledger ({}=memory): consent records are NOT durable"
                                + " and are lost on restart. Use a durable ledger in production.",
                        store);
                yield new InMemoryConsentLedger(ledgerSettings);
            }
            case H2 -> h2Ledger(settings.ledgerPath(), ledgerSettings, settings.classLoader());
            case DATASOURCE -> {
                if (settings.dataSource() == null) {
                    throw new IllegalStateException(store + "=datasource needs a DataSource: the application's in"
                            + " Spring Boot, or one given in code; for the container's, use " + store + "=jndi");
                }
                yield jdbcLedger(settings.dataSource(), ledgerSettings, settings, "the application's DataSource");
            }
            case JNDI -> jndiLedger(settings, ledgerSettings);
        };
    }

    private static PurgeableConsentLedger h2Ledger(Path configured, LedgerSettings settings, ClassLoader loader) {
        String name = ConsentSettings.LEDGER_PATH;
        if (!h2Present(loader)) {
            throw new IllegalStateException(ConsentSettings.LEDGER_STORE
                    + "=h2 needs the H2 database on the class path: add com.h2database:h2");
        }
        Path file = configured.toAbsolutePath();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new IllegalStateException(name + " '" + file + "': cannot create its directory: " + e, e);
        }
        try {
            JdbcConsentLedger ledger = JdbcConsentLedger.h2File(file, settings);
            LOG.info("consent4j records consent in the H2 database file {}", file);
            return ledger;
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " '" + file + "' cannot hold the ledger: " + e.getMessage(), e);
        }
    }

    private static boolean h2Present(ClassLoader loader) {
        for (ClassLoader candidate : new ClassLoader[] {loader, JdbcConsentLedger.class.getClassLoader()}) {
            try {
                Class.forName("org.h2.Driver", false, candidate);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next one
            }
        }
        return false;
    }

    /** A JDBC ledger on the {@code DataSource} that the container binds under the configured name. */
    private static PurgeableConsentLedger jndiLedger(ConsentSettings settings, LedgerSettings ledgerSettings) {
        String store = ConsentSettings.LEDGER_STORE;
        String name = settings.ledgerJndiName();
        if (name == null) {
            throw new IllegalStateException(store + "=jndi needs " + ConsentSettings.LEDGER_JNDI_NAME
                    + ", the name of the container's DataSource, such as java:comp/env/jdbc/consent");
        }
        String setting = ConsentSettings.LEDGER_JNDI_NAME + " '" + name + "'";
        Object bound;
        try {
            bound = new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException(
                    setting + ": nothing is bound under that name (" + e.getMessage() + "). Declare the DataSource"
                            + " in the container (a <Resource> in Tomcat's context.xml, a Resource in Jetty's"
                            + " jetty-env.xml) or in web.xml's <resource-ref>",
                    e);
        }
        if (!(bound instanceof DataSource dataSource)) {
            throw new IllegalStateException(setting + " names a "
                    + (bound == null ? "null" : bound.getClass().getName()) + ", not a javax.sql.DataSource");
        }
        PurgeableConsentLedger ledger = jdbcLedger(dataSource, ledgerSettings, settings, setting);
        if (!initializes(settings.initializeSchema(), dataSource)) {
            // Fails now, not at the first choice, when the tables are missing.
            try {
                ledger.findPolicy("0".repeat(64));
            } catch (RuntimeException e) {
                ledger.close();
                throw new IllegalStateException(
                        setting + ": the database cannot hold the ledger: " + e.getMessage()
                                + " (create the tables from JdbcDialect.schemaScript(), or set "
                                + ConsentSettings.LEDGER_INITIALIZE_SCHEMA + "=always)",
                        e);
            }
        }
        return ledger;
    }

    private static PurgeableConsentLedger jdbcLedger(
            DataSource dataSource, LedgerSettings ledgerSettings, ConsentSettings settings, String what) {
        JdbcConsentLedger ledger;
        try {
            ledger = new JdbcConsentLedger(dataSource, ledgerSettings);
        } catch (RuntimeException e) {
            throw new IllegalStateException(what + ": the database cannot hold the ledger: " + e.getMessage(), e);
        }
        if (initializes(settings.initializeSchema(), dataSource)) {
            try {
                ledger.initializeSchema();
            } catch (RuntimeException e) {
                ledger.close();
                throw new IllegalStateException(
                        what + ": the database cannot hold the ledger: " + e.getMessage()
                                + " (set " + ConsentSettings.LEDGER_INITIALIZE_SCHEMA
                                + "=never if your migrations create the"
                                + " tables)",
                        e);
            }
        }
        LOG.info("consent4j records consent in the {} database of {}", ledger.dialect(), what);
        return ledger;
    }

    private static boolean initializes(ConsentSettings.SchemaInitialization mode, DataSource dataSource) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> isEmbedded(dataSource);
        };
    }

    /** Whether the database lives in this process's memory, as Spring Boot's embedded databases do. */
    private static boolean isEmbedded(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            return url != null
                    && (url.startsWith("jdbc:h2:mem:")
                            || url.startsWith("jdbc:hsqldb:mem:")
                            || url.startsWith("jdbc:derby:memory:"));
        } catch (SQLException e) {
            return false;
        }
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

    /** Stops the retention job and closes the ledger when this assembly opened it. */
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
            if (retentionJob != null) {
                retentionJob.close();
            }
            if (ownLedger != null) {
                ownLedger.close();
            }
        }
    }

    private synchronized ServletParts servletParts() {
        if (servletParts == null) {
            servletParts = new ServletParts(settings, manager);
        }
        return servletParts;
    }

    /**
     * The parts that need the Servlet API, in a class of their own, so that it is loaded only when one of
     * them is asked for.
     */
    private static final class ServletParts {
        final ConsentFilter filter;
        final ConsentEndpoint endpoint;
        final AuditEndpoint audit;
        final NoScriptBanner banner;
        final HeadMarkup head;

        ServletParts(ConsentSettings settings, ConsentManager manager) {
            AgeBandResolver ageBands =
                    settings.ageBandResolver() != null ? settings.ageBandResolver() : AgeBandResolver.UNSPECIFIED;
            AccountReferenceResolver accounts = settings.accountReferenceResolver();
            List<DecisionListener> deciders = settings.decisionListeners();
            List<CookieDropListener> droppers = settings.cookieDropListeners();
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
                            .build());
            this.endpoint = ConsentEndpoint.builder(manager)
                    .cookieName(settings.cookieName())
                    .secureCookie(settings.secureCookie())
                    .rateLimit(settings.rateLimitPosts(), settings.rateLimitWindow(), 100_000)
                    .ageBandResolver(ageBands)
                    .accountReference(accounts == null ? request -> null : accounts::resolve)
                    .build();
            this.audit = settings.auditEnabled() ? audit(settings, manager) : null;
            this.banner = NoScriptBanner.of(manager, settings.endpointPath(), settings.cookieName());
            this.head = HeadMarkup.of(manager, settings.endpointPath(), settings.cookieName(), settings.assetsPath());
        }

        private static AuditEndpoint audit(ConsentSettings settings, ConsentManager manager) {
            AuditEndpoint.Builder builder = AuditEndpoint.builder(manager.ledger(), manager.receiptSigner())
                    .clock(settings.clock())
                    .maxRange(settings.auditMaxRange())
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
}
