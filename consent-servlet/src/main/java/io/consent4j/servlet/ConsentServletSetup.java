/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.policy.ConsentPolicy;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs consent4j in a plain servlet application, without Spring: it turns {@code consent4j.*}
 * parameters into {@link ConsentSettings}, lets {@link ConsentAssembly} build everything, and registers
 * the {@link ConsentFilter} (unless {@code consent4j.filter.enabled=false}), the visitor
 * {@link ConsentEndpoint}, the {@link AuditEndpoint} when auditor tokens are configured, and stores the
 * {@link NoScriptBanner}, the {@link HeadMarkup}, the {@link ConsentManager} and the assembly as servlet
 * context attributes. Call {@link Builder#install(ServletContext)} from a {@code ServletContextListener}
 * (or a {@code ServletContainerInitializer}) before the context starts serving, and
 * {@link ConsentAssembly#close()} on what it returns in {@code contextDestroyed}. A WAR that needs no code
 * leaves out both: with consent-servlet in {@code WEB-INF/lib}, {@link WebXmlConsentSetup} installs it from
 * the {@code consent4j.*} context parameters of {@code web.xml}.
 *
 * <p>Parameters come from the map given to {@link Builder#configuration(Map)}, else from the servlet
 * context's init parameters of the same name. They are the Spring Boot starter's properties, with the
 * same names and meanings (see {@code docs/CONFIGURATION.md}); a parameter that starts with
 * {@code consent4j.} and is not one of these stops the start, so that a misspelt one is not silently
 * ignored. Lists are comma-separated, durations are ISO-8601 ({@code PT1M}) or written as Spring Boot
 * writes them ({@code 30s}, {@code 1d}), choices are case-insensitive.
 *
 * <table>
 *   <caption>Configuration parameters</caption>
 *   <tr><th>name</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code consent4j.dev-mode}</td><td>throwaway keys where none are set, a cookie without
 *       {@code Secure}; never in production</td><td>{@code false}</td></tr>
 *   <tr><td>{@code consent4j.policy.location}</td><td>the policy JSON: a file path, {@code file:...} or
 *       {@code classpath:...}</td><td>required, unless {@link Builder#policy(ConsentPolicy)}</td></tr>
 *   <tr><td>{@code consent4j.policy.strict}</td><td>a text missing in one of the policy's languages stops
 *       the start instead of being logged</td><td>{@code false}</td></tr>
 *   <tr><td>{@code consent4j.cookie.keys}</td><td>cookie HMAC keys, {@code id:base64}, the first signs
 *       ({@code openssl rand -base64 32})</td><td>required outside dev mode</td></tr>
 *   <tr><td>{@code consent4j.cookie.name}</td><td>the consent cookie's name</td><td>{@code consent4j}</td></tr>
 *   <tr><td>{@code consent4j.cookie.secure}</td><td>{@code false} only for local HTTP</td><td>{@code true},
 *       {@code false} in dev mode</td></tr>
 *   <tr><td>{@code consent4j.cookie.domain}</td><td>the consent cookie's {@code Domain}, such as
 *       {@code lernen.example}: one choice for every host below it</td><td>none (host-only)</td></tr>
 *   <tr><td>{@code consent4j.cookie.path}</td><td>the consent cookie's {@code Path}</td><td>{@code /}</td></tr>
 *   <tr><td>{@code consent4j.account.restore}</td><td>a signed-in visitor's newest choice follows them to
 *       their other devices (needs {@link Builder#accountReference})</td><td>{@code false}</td></tr>
 *   <tr><td>{@code consent4j.account.check-interval}</td><td>how long a node trusts what it read of an
 *       account's newest choice</td><td>{@code 5s}</td></tr>
 *   <tr><td>{@code consent4j.cookie.undeclared}</td><td>{@code warn} or {@code drop}</td><td>{@code warn}</td></tr>
 *   <tr><td>{@code consent4j.receipt.key}</td><td>Ed25519 private key of receipts and checkpoints, base64
 *       ({@code openssl genpkey -algorithm ed25519 -outform DER | base64})</td><td>required outside dev
 *       mode</td></tr>
 *   <tr><td>{@code consent4j.receipt.key-id}</td><td>the receipt key's id</td><td>{@code receipts-1}</td></tr>
 *   <tr><td>{@code consent4j.ledger.store}</td><td>{@code h2} (a file at {@code consent4j.ledger.path}; needs
 *       {@code com.h2database:h2}), {@code jndi} (the container's {@code DataSource} named
 *       {@code consent4j.ledger.jndi-name}), {@code datasource} (one given in code) or {@code memory} (not
 *       durable)</td><td>required, unless {@link Builder#ledger(ConsentLedger)}</td></tr>
 *   <tr><td>{@code consent4j.ledger.path}</td><td>the H2 file</td><td>{@code consent4j/ledger}</td></tr>
 *   <tr><td>{@code consent4j.ledger.jndi-name}</td><td>such as {@code java:comp/env/jdbc/consent}</td><td></td></tr>
 *   <tr><td>{@code consent4j.ledger.initialize-schema}</td><td>when a JDBC ledger creates its missing
 *       tables: {@code always}, {@code embedded} (in-memory databases only) or {@code never}</td>
 *       <td>{@code embedded}</td></tr>
 *   <tr><td>{@code consent4j.ledger.retention}, {@code consent4j.ledger.retention-interval}</td><td>how long
 *       records are kept, and how often the purge runs (C26)</td><td>{@code 1096d}, {@code 1d}</td></tr>
 *   <tr><td>{@code consent4j.filter.enabled}</td><td>whether the filter is registered</td><td>{@code true}</td></tr>
 *   <tr><td>{@code consent4j.filter.url-patterns}</td><td>the filter's URL patterns</td><td>{@code /*}</td></tr>
 *   <tr><td>{@code consent4j.endpoint.path}</td><td>the visitor endpoint</td><td>{@code /consent}</td></tr>
 *   <tr><td>{@code consent4j.endpoint.rate-limit.posts}, {@code consent4j.endpoint.rate-limit.window}</td>
 *       <td>choices per network and window</td><td>{@code 30}, {@code 1m}</td></tr>
 *   <tr><td>{@code consent4j.audit.path}</td><td>the auditor endpoint</td><td>{@code /consent-audit}</td></tr>
 *   <tr><td>{@code consent4j.audit.token-hashes}</td><td>SHA-256 hex of each auditor token; the auditor
 *       endpoint is off without them</td><td>none</td></tr>
 *   <tr><td>{@code consent4j.audit.max-range}</td><td>the longest range one auditor request may
 *       cover</td><td>{@code 366d}</td></tr>
 * </table>
 *
 * <p>A missing or bad parameter fails {@code install} with an {@link IllegalStateException} naming it,
 * before anything is registered.
 */
public final class ConsentServletSetup {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentServletSetup.class);

    /** The dev mode parameter. */
    public static final String DEV_MODE = ConsentSettings.DEV_MODE;
    /** The policy location parameter. */
    public static final String POLICY_LOCATION = ConsentSettings.POLICY_LOCATION;

    /** The parameter that makes a text missing in one of the policy's languages stop the start. */
    public static final String POLICY_STRICT = ConsentSettings.POLICY_STRICT;
    /** The cookie keys parameter. */
    public static final String COOKIE_KEYS = ConsentSettings.COOKIE_KEYS;
    /** The cookie name parameter. */
    public static final String COOKIE_NAME = ConsentSettings.COOKIE_NAME;
    /** The cookie Secure parameter. */
    public static final String COOKIE_SECURE = ConsentSettings.COOKIE_SECURE;
    /** The cookie Domain parameter. */
    public static final String COOKIE_DOMAIN = ConsentSettings.COOKIE_DOMAIN;
    /** The cookie Path parameter. */
    public static final String COOKIE_PATH = ConsentSettings.COOKIE_PATH;
    /** The undeclared cookies parameter. */
    public static final String UNDECLARED = ConsentSettings.COOKIE_UNDECLARED;
    /** The receipt key parameter. */
    public static final String RECEIPT_KEY = ConsentSettings.RECEIPT_KEY;
    /** The receipt key id parameter. */
    public static final String RECEIPT_KEY_ID = ConsentSettings.RECEIPT_KEY_ID;
    /** The ledger store parameter: {@code h2}, {@code jndi}, {@code datasource} or {@code memory}. */
    public static final String LEDGER_STORE = ConsentSettings.LEDGER_STORE;
    /** The H2 file parameter. */
    public static final String LEDGER_PATH = ConsentSettings.LEDGER_PATH;
    /** The JNDI name parameter. */
    public static final String LEDGER_JNDI_NAME = ConsentSettings.LEDGER_JNDI_NAME;
    /** When a JDBC ledger creates its missing tables: {@code always}, {@code embedded} or {@code never}. */
    public static final String LEDGER_INITIALIZE_SCHEMA = ConsentSettings.LEDGER_INITIALIZE_SCHEMA;
    /** The retention parameter. */
    public static final String LEDGER_RETENTION = ConsentSettings.LEDGER_RETENTION;
    /** The retention interval parameter. */
    public static final String LEDGER_RETENTION_INTERVAL = ConsentSettings.LEDGER_RETENTION_INTERVAL;
    /** The filter on/off parameter. */
    public static final String FILTER_ENABLED = ConsentSettings.FILTER_ENABLED;
    /** The filter URL patterns parameter. */
    public static final String FILTER_PATTERNS = ConsentSettings.FILTER_URL_PATTERNS;
    /** The visitor endpoint path parameter. */
    public static final String ENDPOINT_PATH = ConsentSettings.ENDPOINT_PATH;
    /** The posts per window parameter. */
    public static final String RATE_POSTS = ConsentSettings.RATE_LIMIT_POSTS;
    /** The rate limit window parameter. */
    public static final String RATE_WINDOW = ConsentSettings.RATE_LIMIT_WINDOW;
    /** The auditor endpoint path parameter. */
    public static final String AUDIT_PATH = ConsentSettings.AUDIT_PATH;
    /** The auditor token hashes parameter. */
    public static final String AUDIT_TOKEN_HASHES = ConsentSettings.AUDIT_TOKEN_HASHES;
    /** The auditor range limit parameter. */
    public static final String AUDIT_MAX_RANGE = ConsentSettings.AUDIT_MAX_RANGE;
    /** The parameter that brings a signed-in visitor's choice to their other devices. */
    public static final String ACCOUNT_RESTORE = ConsentSettings.ACCOUNT_RESTORE;
    /** The account check interval parameter. */
    public static final String ACCOUNT_CHECK_INTERVAL = ConsentSettings.ACCOUNT_CHECK_INTERVAL;
    /** The parental link lifetime parameter. */
    public static final String PARENTAL_LINK_LIFETIME = ConsentSettings.PARENTAL_LINK_LIFETIME;
    /** The parameter naming the request attribute that holds the CSP nonce. */
    public static final String CSP_NONCE_ATTRIBUTE = ConsentSettings.CSP_NONCE_ATTRIBUTE;

    /** Every parameter the setup reads. */
    public static final List<String> PARAMETERS = List.of(
            DEV_MODE,
            POLICY_LOCATION,
            POLICY_STRICT,
            COOKIE_KEYS,
            COOKIE_NAME,
            COOKIE_SECURE,
            COOKIE_DOMAIN,
            COOKIE_PATH,
            UNDECLARED,
            RECEIPT_KEY,
            RECEIPT_KEY_ID,
            LEDGER_STORE,
            LEDGER_PATH,
            LEDGER_JNDI_NAME,
            LEDGER_INITIALIZE_SCHEMA,
            LEDGER_RETENTION,
            LEDGER_RETENTION_INTERVAL,
            FILTER_ENABLED,
            FILTER_PATTERNS,
            ENDPOINT_PATH,
            RATE_POSTS,
            RATE_WINDOW,
            AUDIT_PATH,
            AUDIT_TOKEN_HASHES,
            AUDIT_MAX_RANGE,
            ACCOUNT_RESTORE,
            ACCOUNT_CHECK_INTERVAL,
            PARENTAL_LINK_LIFETIME,
            CSP_NONCE_ATTRIBUTE);

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
        private Clock clock;
        private AgeBandResolver ageBandResolver;
        private AccountReferenceResolver accountReference;
        private final List<Consumer<ConsentSettingsBuilder>> customizers = new ArrayList<>();

        private Builder() {}

        /** Parameters (see the table above); they win over servlet context init parameters. */
        public Builder configuration(Map<String, String> configuration) {
            this.configuration.putAll(configuration);
            return this;
        }

        /** The policy, instead of {@code consent4j.policy.location}. */
        public Builder policy(ConsentPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The ledger records go to, instead of {@code consent4j.ledger.store}. The application closes it. */
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

        /** The keyed account reference of a signed-in visitor, recorded with choices (C22); default none. */
        public Builder accountReference(AccountReferenceResolver accountReference) {
            this.accountReference = Objects.requireNonNull(accountReference, "accountReference");
            return this;
        }

        /**
         * Adjusts the settings after the parameters are read, for what only code can give: listeners, a
         * {@link javax.sql.DataSource} for {@code consent4j.ledger.store=datasource}, the retention
         * schedule, ledger settings. Applied in order.
         */
        public Builder customize(Consumer<ConsentSettingsBuilder> customizer) {
            this.customizers.add(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /**
         * The settings the parameters and the objects given here make, without installing anything.
         *
         * @throws IllegalStateException naming the parameter that is unknown or wrong
         */
        public ConsentSettings settings(ServletContext context) {
            Map<String, String> parameters = parameters(context);
            Function<String, String> config = name -> {
                String value = parameters.get(name);
                return value == null || value.isBlank() ? null : value.strip();
            };
            try {
                ConsentSettingsBuilder settings = ConsentSettings.builder().classLoader(context.getClassLoader());
                SetupParameters.apply(config, settings);
                if (policy != null) {
                    settings.policy(policy);
                }
                if (ledger != null) {
                    settings.ledger(ledger);
                }
                if (clock != null) {
                    settings.clock(clock);
                }
                settings.ageBandResolver(ageBandResolver).accountReferenceResolver(accountReference);
                customizers.forEach(c -> c.accept(settings));
                return settings.build();
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("consent4j setup: " + e.getMessage(), e);
            }
        }

        /**
         * Builds consent4j from the parameters, registers the filter and the endpoints in {@code context},
         * stores the {@link NoScriptBanner}, the {@link HeadMarkup}, the {@link ConsentManager} and the
         * {@link ConsentAssembly} as context attributes under their class names, and starts the retention
         * job.
         *
         * @return the assembly; close it when the context is destroyed
         * @throws IllegalStateException naming the parameter that is missing or wrong
         */
        public ConsentAssembly install(ServletContext context) {
            ConsentSettings settings = settings(context);
            ConsentAssembly assembly;
            try {
                assembly = ConsentAssembly.build(settings);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalStateException("consent4j setup: " + e.getMessage(), e);
            }
            try {
                // Makes every servlet part before anything is registered, so that a bad setting registers nothing.
                assembly.filter();
            } catch (IllegalArgumentException | IllegalStateException e) {
                assembly.close();
                throw new IllegalStateException("consent4j setup: " + e.getMessage(), e);
            }
            try {
                register(context, assembly);
                return assembly.start();
            } catch (RuntimeException e) {
                assembly.close();
                throw e;
            }
        }

        private static void register(ServletContext context, ConsentAssembly assembly) {
            if (context.getAttribute(ConsentAssembly.class.getName()) != null) {
                // The container would refuse the second filter and servlets by name; say why instead.
                throw new IllegalStateException(
                        "consent4j setup: consent4j is already installed in this servlet context"
                                + " (by code, or from the consent4j.* context parameters by consent-servlet's web fragment);"
                                + " install it once");
            }
            ConsentSettings settings = assembly.settings();
            ConsentFilter filter = assembly.filter();
            ConsentEndpoint endpoint = assembly.endpoint();
            AuditEndpoint audit = assembly.auditEndpoint().orElse(null);
            if (settings.filterEnabled()) {
                FilterRegistration.Dynamic registration = context.addFilter("consent4j", filter);
                registration.setAsyncSupported(true);
                registration.addMappingForUrlPatterns(
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC),
                        false,
                        settings.filterUrlPatterns().toArray(String[]::new));
            }
            context.addServlet("consent4j-endpoint", endpoint).addMapping(settings.endpointPath() + "/*");
            if (audit != null) {
                context.addServlet("consent4j-audit", audit).addMapping(settings.auditPath() + "/*");
                LOG.info(
                        "consent4j auditor endpoint at {} with {} token(s)",
                        settings.auditPath(),
                        settings.auditTokenHashes().size());
            } else {
                LOG.info("consent4j auditor endpoint is off: set {} to turn it on", AUDIT_TOKEN_HASHES);
            }
            context.setAttribute(NoScriptBanner.CONTEXT_ATTRIBUTE, assembly.noScriptBanner());
            context.setAttribute(HeadMarkup.CONTEXT_ATTRIBUTE, assembly.headMarkup());
            context.setAttribute(ConsentManager.class.getName(), assembly.manager());
            context.setAttribute(ConsentAssembly.class.getName(), assembly);
            LOG.info(
                    "consent4j installed: policy version {}, visitor endpoint at {}, filter on {}",
                    assembly.manager().policy().version(),
                    settings.endpointPath(),
                    settings.filterEnabled() ? String.join(", ", settings.filterUrlPatterns()) : "nothing (off)");
        }

        /** The given map over the context's init parameters; an unknown {@code consent4j.} name fails. */
        private Map<String, String> parameters(ServletContext context) {
            Map<String, String> parameters = new HashMap<>();
            for (String name : Collections.list(context.getInitParameterNames())) {
                parameters.put(name, context.getInitParameter(name));
            }
            parameters.putAll(configuration);
            TreeSet<String> unknown = new TreeSet<>();
            for (String name : parameters.keySet()) {
                if (name.startsWith("consent4j.") && !PARAMETERS.contains(name)) {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("consent4j setup: " + String.join(", ", unknown)
                        + (unknown.size() == 1 ? " is not a consent4j parameter" : " are not consent4j parameters")
                        + "; the parameters are " + String.join(", ", PARAMETERS)
                        + " (docs/CONFIGURATION.md says what each means)");
            }
            return parameters;
        }
    }
}
