/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.SigningKey;
import io.consent4j.core.token.SigningKeys;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs consent4j in a plain servlet application, without Spring: the {@link ConsentFilter} on every
 * request, the visitor {@link ConsentEndpoint}, the {@link AuditEndpoint} when auditor tokens are
 * configured, and the {@link NoScriptBanner} as a servlet context attribute. Call
 * {@link Builder#install(ServletContext)} from a {@code ServletContextListener} (or a
 * {@code ServletContainerInitializer}) before the context starts serving.
 *
 * <p>Configuration comes from the map given to {@link Builder#configuration(Map)}, else from the servlet
 * context's init parameters of the same name:
 *
 * <table>
 *   <caption>Configuration parameters</caption>
 *   <tr><th>name</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code consent4j.policy.file}</td><td>path of the policy JSON</td><td>required, unless
 *       {@link Builder#policy(ConsentPolicy)}</td></tr>
 *   <tr><td>{@code consent4j.cookie.keys}</td><td>cookie HMAC keys, {@code id:base64} separated by
 *       commas, the first signs ({@code openssl rand -base64 32})</td><td>required</td></tr>
 *   <tr><td>{@code consent4j.receipt.key}</td><td>Ed25519 private key of receipts and checkpoints,
 *       base64 ({@code openssl genpkey -algorithm ed25519 -outform DER | base64})</td><td>required</td></tr>
 *   <tr><td>{@code consent4j.receipt.key-id}</td><td>the receipt key's id: 1 to 64 letters, digits,
 *       {@code .}, {@code -} or {@code _}</td><td>{@code receipts-1}</td></tr>
 *   <tr><td>{@code consent4j.ledger}</td><td>{@code jndi:<name>} for a JDBC ledger on the container's
 *       {@code DataSource} bound under that name (such as {@code jndi:java:comp/env/jdbc/consent}; PostgreSQL,
 *       MySQL, MariaDB or H2), {@code h2:<file>} for an embedded H2 database file (needs
 *       {@code com.h2database:h2}), {@code memory} for the in-memory ledger (not durable); otherwise pass
 *       one to {@link Builder#ledger(ConsentLedger)}</td><td>required</td></tr>
 *   <tr><td>{@code consent4j.ledger.initialize-schema}</td><td>whether a {@code jndi:} ledger creates its
 *       tables where they are missing; {@code false} when your migrations create them
 *       ({@link io.consent4j.core.ledger.jdbc.JdbcDialect#schemaScript()})</td><td>{@code true}</td></tr>
 *   <tr><td>{@code consent4j.cookie.name}</td><td>the consent cookie's name</td><td>{@code consent4j}</td></tr>
 *   <tr><td>{@code consent4j.cookie.secure}</td><td>{@code false} only for local HTTP development</td>
 *       <td>{@code true}</td></tr>
 *   <tr><td>{@code consent4j.cookie.undeclared}</td><td>{@code warn} or {@code drop}</td><td>{@code warn}</td></tr>
 *   <tr><td>{@code consent4j.filter.url-patterns}</td><td>the filter's URL patterns, comma-separated</td>
 *       <td>{@code /*}</td></tr>
 *   <tr><td>{@code consent4j.endpoint.path}</td><td>the visitor endpoint</td><td>{@code /consent}</td></tr>
 *   <tr><td>{@code consent4j.rate-limit.posts}, {@code consent4j.rate-limit.window}</td><td>choices per
 *       network and window (ISO-8601 duration)</td><td>{@code 30}, {@code PT1M}</td></tr>
 *   <tr><td>{@code consent4j.audit.token-hashes}</td><td>SHA-256 hex of each auditor token,
 *       comma-separated; the audit endpoint is off without them</td><td>none</td></tr>
 *   <tr><td>{@code consent4j.audit.path}</td><td>the auditor endpoint</td><td>{@code /consent-audit}</td></tr>
 * </table>
 *
 * <p>A missing or bad parameter fails {@code install} with an {@link IllegalStateException} naming it.
 */
public final class ConsentServletSetup {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentServletSetup.class);

    /** The policy file parameter. */
    public static final String POLICY_FILE = "consent4j.policy.file";
    /** The cookie keys parameter. */
    public static final String COOKIE_KEYS = "consent4j.cookie.keys";
    /** The receipt key parameter. */
    public static final String RECEIPT_KEY = "consent4j.receipt.key";
    /** The receipt key id parameter. */
    public static final String RECEIPT_KEY_ID = "consent4j.receipt.key-id";
    /** The ledger parameter: {@code jndi:<name>}, {@code h2:<file>} or {@code memory}. */
    public static final String LEDGER = "consent4j.ledger";
    /** Whether a {@code jndi:} ledger creates its missing tables: {@code true} or {@code false}. */
    public static final String LEDGER_INITIALIZE_SCHEMA = "consent4j.ledger.initialize-schema";
    /** The cookie name parameter. */
    public static final String COOKIE_NAME = "consent4j.cookie.name";
    /** The cookie Secure parameter. */
    public static final String COOKIE_SECURE = "consent4j.cookie.secure";
    /** The undeclared cookies parameter. */
    public static final String UNDECLARED = "consent4j.cookie.undeclared";
    /** The filter URL patterns parameter. */
    public static final String FILTER_PATTERNS = "consent4j.filter.url-patterns";
    /** The visitor endpoint path parameter. */
    public static final String ENDPOINT_PATH = "consent4j.endpoint.path";
    /** The posts per window parameter. */
    public static final String RATE_POSTS = "consent4j.rate-limit.posts";
    /** The rate limit window parameter. */
    public static final String RATE_WINDOW = "consent4j.rate-limit.window";
    /** The auditor token hashes parameter. */
    public static final String AUDIT_TOKEN_HASHES = "consent4j.audit.token-hashes";
    /** The auditor endpoint path parameter. */
    public static final String AUDIT_PATH = "consent4j.audit.path";

    private ConsentServletSetup() {}

    /** A builder of an installation. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures and installs consent4j in a servlet context. */
    public static final class Builder {
        private final Map<String, String> configuration = new HashMap<>();
        private ConsentPolicy policy;
        private ConsentLedger ledger;
        private Clock clock = Clock.systemUTC();
        private AgeBandResolver ageBandResolver = AgeBandResolver.UNSPECIFIED;
        private Function<HttpServletRequest, String> accountReference = request -> null;

        private Builder() {}

        /** Parameters (see the table above); they win over servlet context init parameters. */
        public Builder configuration(Map<String, String> configuration) {
            this.configuration.putAll(configuration);
            return this;
        }

        /** The policy, instead of {@code consent4j.policy.file}. */
        public Builder policy(ConsentPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The ledger records go to: a durable store in production. The application closes it. */
        public Builder ledger(ConsentLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /** The clock; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The site's age-band hook (C28), for the filter and the endpoint. */
        public Builder ageBandResolver(AgeBandResolver ageBandResolver) {
            this.ageBandResolver = Objects.requireNonNull(ageBandResolver, "ageBandResolver");
            return this;
        }

        /** The keyed account reference of a signed-in visitor, recorded with choices; default none. */
        public Builder accountReference(Function<HttpServletRequest, String> accountReference) {
            this.accountReference = Objects.requireNonNull(accountReference, "accountReference");
            return this;
        }

        /**
         * Registers the filter and the endpoints in {@code context}, and stores the {@link NoScriptBanner}
         * and the {@link ConsentManager} as context attributes under their class names.
         *
         * @return the manager, for the application's own use
         * @throws IllegalStateException naming the parameter that is missing or wrong
         */
        public ConsentManager install(ServletContext context) {
            Function<String, String> config = name -> {
                String value = configuration.get(name);
                if (value == null) {
                    value = context.getInitParameter(name);
                }
                return value == null || value.isBlank() ? null : value.strip();
            };
            ConsentPolicy thePolicy = policy != null ? policy : readPolicy(config.apply(POLICY_FILE));
            SigningKeys keys = cookieKeys(config.apply(COOKIE_KEYS));
            ReceiptSigner signer = receiptSigner(config.apply(RECEIPT_KEY), config.apply(RECEIPT_KEY_ID));
            boolean initializeSchema =
                    bool(LEDGER_INITIALIZE_SCHEMA, or(config.apply(LEDGER_INITIALIZE_SCHEMA), "true"));
            ConsentLedger theLedger = ledger(config.apply(LEDGER), initializeSchema, signer);
            String cookieName = or(config.apply(COOKIE_NAME), ConsentFilterSettings.DEFAULT_COOKIE_NAME);
            boolean secure = bool(COOKIE_SECURE, or(config.apply(COOKIE_SECURE), "true"));
            UndeclaredCookies undeclared = undeclared(or(config.apply(UNDECLARED), "warn"));
            String endpointPath = path(ENDPOINT_PATH, or(config.apply(ENDPOINT_PATH), ConsentEndpoint.DEFAULT_PATH));
            String auditPath = path(AUDIT_PATH, or(config.apply(AUDIT_PATH), AuditEndpoint.DEFAULT_PATH));
            int posts = integer(RATE_POSTS, or(config.apply(RATE_POSTS), "30"));
            Duration window = duration(RATE_WINDOW, or(config.apply(RATE_WINDOW), "PT1M"));
            List<String> tokenHashes = ConsentEndpoint.splitList(config.apply(AUDIT_TOKEN_HASHES));
            String[] patterns = ConsentEndpoint.splitList(or(config.apply(FILTER_PATTERNS), "/*"))
                    .toArray(String[]::new);

            ConsentManager manager;
            ConsentFilter filter;
            ConsentEndpoint endpoint;
            AuditEndpoint audit = null;
            try {
                manager = ConsentManager.builder(thePolicy, new CookieConsentCodec(keys), theLedger, signer)
                        .clock(clock)
                        .build();
                filter = ConsentFilter.of(
                        manager.decider(),
                        ConsentFilterSettings.builder()
                                .cookieName(cookieName)
                                .undeclaredCookies(undeclared)
                                .ageBandResolver(ageBandResolver)
                                .build());
                endpoint = ConsentEndpoint.builder(manager)
                        .cookieName(cookieName)
                        .secureCookie(secure)
                        .rateLimit(posts, window, 100_000)
                        .ageBandResolver(ageBandResolver)
                        .accountReference(accountReference)
                        .build();
                if (!tokenHashes.isEmpty()) {
                    AuditEndpoint.Builder auditBuilder =
                            AuditEndpoint.builder(theLedger, signer).clock(clock);
                    tokenHashes.forEach(auditBuilder::tokenHash);
                    audit = auditBuilder.build();
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("consent4j setup: " + e.getMessage(), e);
            }

            FilterRegistration.Dynamic filterRegistration = context.addFilter("consent4j", filter);
            filterRegistration.setAsyncSupported(true);
            filterRegistration.addMappingForUrlPatterns(
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC), false, patterns);
            ServletRegistration.Dynamic endpointRegistration = context.addServlet("consent4j-endpoint", endpoint);
            endpointRegistration.addMapping(endpointPath + "/*");
            if (audit != null) {
                context.addServlet("consent4j-audit", audit).addMapping(auditPath + "/*");
                LOG.info("consent4j auditor endpoint at {} with {} token(s)", auditPath, tokenHashes.size());
            } else {
                LOG.info("consent4j auditor endpoint is off: set {} to turn it on", AUDIT_TOKEN_HASHES);
            }
            context.setAttribute(
                    NoScriptBanner.CONTEXT_ATTRIBUTE, NoScriptBanner.of(manager, endpointPath, cookieName));
            context.setAttribute(ConsentManager.class.getName(), manager);
            LOG.info(
                    "consent4j installed: policy version {}, visitor endpoint at {}, filter on {}",
                    thePolicy.version(),
                    endpointPath,
                    String.join(", ", patterns));
            return manager;
        }

        private ConsentLedger ledger(String setting, boolean initializeSchema, ReceiptSigner signer) {
            if (ledger != null) {
                return ledger;
            }
            if (setting == null) {
                throw new IllegalStateException("consent4j setup: no consent ledger. Pass a durable one with"
                        + " ledger(...), or set " + LEDGER + "=memory for a demo whose records are lost on restart");
            }
            if (setting.regionMatches(true, 0, "jndi:", 0, 5)) {
                return jndiLedger(setting.substring(5).strip(), initializeSchema, signer);
            }
            if (setting.regionMatches(true, 0, "h2:", 0, 3)) {
                String file = setting.substring(3).strip();
                if (file.isEmpty()) {
                    throw new IllegalStateException("consent4j setup: " + LEDGER
                            + " 'h2:' needs a file, such as h2:/var/lib/learnsite/consent-ledger");
                }
                LOG.info("consent4j records consent in the H2 database file {}", file);
                return JdbcConsentLedger.h2File(
                        Path.of(file),
                        LedgerSettings.builder(signer).clock(clock).build());
            }
            if (!setting.equalsIgnoreCase("memory")) {
                throw new IllegalStateException(
                        "consent4j setup: " + LEDGER + " '" + setting
                                + "' is not understood; use jndi:<name> for the container's DataSource, h2:<file>"
                                + " for an embedded H2 file, memory for a demo,"
                                + " or pass any other ledger (such as a JdbcConsentLedger on your DataSource) with ledger(...)");
            }
            LOG.warn(
                    "consent4j uses the IN-MEMORY consent ledger ({}=memory): consent records are NOT durable"
                            + " and are lost on restart. Use a durable ledger in production.",
                    LEDGER);
            return new InMemoryConsentLedger(
                    LedgerSettings.builder(signer).clock(clock).build());
        }

        /** A JDBC ledger on the {@code DataSource} that the container binds under {@code name}. */
        private ConsentLedger jndiLedger(String name, boolean initializeSchema, ReceiptSigner signer) {
            if (name.isEmpty()) {
                throw new IllegalStateException("consent4j setup: " + LEDGER
                        + " 'jndi:' needs the name of a DataSource, such as jndi:java:comp/env/jdbc/consent");
            }
            Object bound;
            try {
                bound = new InitialContext().lookup(name);
            } catch (NamingException e) {
                throw new IllegalStateException(
                        "consent4j setup: " + LEDGER + " 'jndi:" + name + "': nothing is bound under that name ("
                                + e.getMessage() + "). Declare the DataSource in the container (a <Resource> in"
                                + " Tomcat's context.xml, a Resource in Jetty's jetty-env.xml) or in web.xml's"
                                + " <resource-ref>",
                        e);
            }
            if (!(bound instanceof DataSource dataSource)) {
                throw new IllegalStateException("consent4j setup: " + LEDGER + " 'jndi:" + name + "' names a "
                        + (bound == null ? "null" : bound.getClass().getName()) + ", not a javax.sql.DataSource");
            }
            JdbcConsentLedger jdbc;
            try {
                jdbc = new JdbcConsentLedger(
                        dataSource, LedgerSettings.builder(signer).clock(clock).build());
                if (initializeSchema) {
                    jdbc.initializeSchema();
                } else {
                    jdbc.findPolicy("0".repeat(64)); // fails now, not at the first choice, when tables are missing
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "consent4j setup: " + LEDGER + " 'jndi:" + name + "': the database cannot hold the ledger: "
                                + e.getMessage()
                                + (initializeSchema
                                        ? " (set " + LEDGER_INITIALIZE_SCHEMA + "=false if your migrations create"
                                                + " the tables)"
                                        : " (create the tables from JdbcDialect.schemaScript(), or set "
                                                + LEDGER_INITIALIZE_SCHEMA + "=true)"),
                        e);
            }
            LOG.info("consent4j records consent in the {} database bound as {}", jdbc.dialect(), name);
            return jdbc;
        }
    }

    private static ConsentPolicy readPolicy(String file) {
        if (file == null) {
            throw new IllegalStateException("consent4j setup: " + POLICY_FILE
                    + " is missing: set it to the path of the consent policy JSON file");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(
                    "consent4j setup: " + POLICY_FILE + " '" + file + "' is not a readable file");
        }
        try {
            return ConsentPolicy.fromJson(path);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "consent4j setup: " + POLICY_FILE + " '" + file + "' is not a valid policy: " + e.getMessage(), e);
        }
    }

    private static SigningKeys cookieKeys(String setting) {
        if (setting == null) {
            throw new IllegalStateException("consent4j setup: " + COOKIE_KEYS + " is missing. Generate a key with"
                    + " 'openssl rand -base64 32' and set " + COOKIE_KEYS + "=k1:<that key>");
        }
        List<SigningKey> keys = new ArrayList<>();
        for (String entry : ConsentEndpoint.splitList(setting)) {
            try {
                keys.add(SigningKey.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("consent4j setup: " + COOKIE_KEYS + ": " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("consent4j setup: " + COOKIE_KEYS + " holds no key. Generate one with"
                    + " 'openssl rand -base64 32'");
        }
        return SigningKeys.of(keys.get(0), keys.subList(1, keys.size()));
    }

    private static ReceiptSigner receiptSigner(String key, String configuredKeyId) {
        // The key id is written into every receipt's header and the published JWK: check it before the key.
        String keyId;
        try {
            keyId = ReceiptSigner.checkKeyId(or(configuredKeyId, "receipts-1"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("consent4j setup: " + RECEIPT_KEY_ID + " " + e.getMessage(), e);
        }
        if (key == null) {
            throw new IllegalStateException("consent4j setup: " + RECEIPT_KEY + " is missing. Generate an Ed25519"
                    + " key with 'openssl genpkey -algorithm ed25519 -outform DER | base64'");
        }
        try {
            return ReceiptSigner.fromBase64(keyId, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("consent4j setup: " + RECEIPT_KEY + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "consent4j setup: " + RECEIPT_KEY + " (key id '" + keyId + "') cannot be used: " + e.getMessage(),
                    e);
        }
    }

    private static UndeclaredCookies undeclared(String value) {
        try {
            return UndeclaredCookies.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "consent4j setup: " + UNDECLARED + " '" + value + "' is not 'warn' or 'drop'", e);
        }
    }

    private static String path(String name, String value) {
        if (!value.startsWith("/") || value.endsWith("/") || value.contains("*") || value.contains("//")) {
            throw new IllegalStateException(
                    "consent4j setup: " + name + " '" + value + "' is not a path such as /consent");
        }
        return value;
    }

    private static boolean bool(String name, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalStateException("consent4j setup: " + name + " '" + value + "' is not true or false");
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("consent4j setup: " + name + " '" + value + "' is not a number", e);
        }
    }

    private static Duration duration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(
                    "consent4j setup: " + name + " '" + value + "' is not an ISO-8601 duration such as PT1M", e);
        }
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
