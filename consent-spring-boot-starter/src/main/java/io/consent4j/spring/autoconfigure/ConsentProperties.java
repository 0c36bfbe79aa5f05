/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ledger.RetentionJob;
import io.consent4j.servlet.ConsentSettings;
import io.consent4j.servlet.UndeclaredCookies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * The {@code consent4j.*} properties of the consent4j starter: where the policy comes from, the signing
 * keys, the ledger, the filter and the endpoints. They have the same names and meanings as the
 * parameters of the plain-servlet setup ({@code ConsentServletSetup}): the starter turns them into a
 * {@link ConsentSettings}, from which {@link io.consent4j.servlet.ConsentAssembly} builds consent4j, so a
 * bad value fails the start with a message that names its property. A property that only the starter
 * has says so ("Spring Boot only"); {@code docs/CONFIGURATION.md} lists them all.
 */
@ConfigurationProperties("consent4j")
public class ConsentProperties {

    /**
     * Development mode: generates throwaway signing keys when none are configured (logged as a warning;
     * cookies and receipts do not survive a restart) and sends the consent cookie without Secure, for
     * local HTTP. Never in production.
     */
    private boolean devMode = false;

    /** The policy: where its JSON is, or (Spring Boot only) the policy itself in properties. */
    private final Policy policy = new Policy();

    /** The consent cookie. */
    private final Cookie cookie = new Cookie();

    /** The key that signs receipts and ledger checkpoints. */
    private final Receipt receipt = new Receipt();

    /** The consent ledger. */
    private final Ledger ledger = new Ledger();

    /** The filter that decides every request and drops cookies that are not allowed. */
    private final Filter filter = new Filter();

    /** The visitor endpoint, which the banner script talks to. */
    private final Endpoint endpoint = new Endpoint();

    /** The auditor endpoint. */
    private final Audit audit = new Audit();

    /** Parental consent for child-facing areas (C28). */
    private final Parental parental = new Parental();

    /** The site's Content-Security-Policy, as far as consent4j's script elements need it. */
    private final Csp csp = new Csp();

    /** One choice across a signed-in visitor's devices. */
    private final Account account = new Account();

    public boolean isDevMode() {
        return devMode;
    }

    public void setDevMode(boolean devMode) {
        this.devMode = devMode;
    }

    public Policy getPolicy() {
        return policy;
    }

    public Cookie getCookie() {
        return cookie;
    }

    public Receipt getReceipt() {
        return receipt;
    }

    public Ledger getLedger() {
        return ledger;
    }

    public Filter getFilter() {
        return filter;
    }

    public Endpoint getEndpoint() {
        return endpoint;
    }

    public Audit getAudit() {
        return audit;
    }

    public Parental getParental() {
        return parental;
    }

    public Csp getCsp() {
        return csp;
    }

    public Account getAccount() {
        return account;
    }

    /** One choice across a signed-in visitor's devices (needs an AccountReferenceResolver bean). */
    public static class Account {

        /**
         * Whether a signed-in visitor's newest choice follows them to their other devices: a device without
         * a valid consent cookie gets it (recorded with method account_restore), and a newer choice or
         * withdrawal made on another device replaces the cookie of a device that has one. Off by default:
         * it links a visitor's devices through their account, which the privacy policy should say.
         */
        private boolean restore = false;

        /**
         * How long a node trusts what it last read of an account's newest choice. A choice made through this
         * node reaches the account's other devices on their next request; one made through another node
         * within this time. 0s reads the ledger on every request of a signed-in visitor; at most 10m.
         */
        private Duration checkInterval = Duration.ofSeconds(5);

        public boolean isRestore() {
            return restore;
        }

        public void setRestore(boolean restore) {
            this.restore = restore;
        }

        public Duration getCheckInterval() {
            return checkInterval;
        }

        public void setCheckInterval(Duration checkInterval) {
            this.checkInterval = checkInterval;
        }
    }

    /** Where the policy comes from; the other fields describe a policy in properties (Spring Boot only). */
    public static class Policy {

        /**
         * Location of the policy JSON: a file path, file:/etc/site/policy.json or
         * classpath:consent-policy.json. When unset, the policy is built from the other consent4j.policy.*
         * properties (Spring Boot only), or is a ConsentPolicy bean of the application.
         */
        private String location;

        /**
         * Whether a text missing in one of the languages the policy JSON is written in stops the start,
         * naming its JSON path; otherwise it is logged as a warning.
         */
        private boolean strict;

        /** The policy version; raise it on every material change so visitors are asked again (Spring Boot only). */
        private int version = 1;

        /** The language texts fall back to, such as de or en (Spring Boot only). */
        private String defaultLocale = "en";

        /** How long a choice lasts, in months, 1 to 13 (Spring Boot only). */
        private int consentLifetimeMonths = 6;

        /** Links that the banner always shows (Spring Boot only). */
        private final Links links = new Links();

        /**
         * The categories, one of them required such as necessary; each with id, required, label.LANG,
         * description.LANG and google-consent-mode (Spring Boot only).
         */
        private List<Category> categories = new ArrayList<>();

        /**
         * The services, each in one category; each with id, category, name, provider, purpose.LANG,
         * privacy-policy-url, hosts and cookies (Spring Boot only).
         */
        private List<Service> services = new ArrayList<>();

        public String getLocation() {
            return location;
        }

        public void setLocation(String location) {
            this.location = location;
        }

        public boolean isStrict() {
            return strict;
        }

        public void setStrict(boolean strict) {
            this.strict = strict;
        }

        public int getVersion() {
            return version;
        }

        public void setVersion(int version) {
            this.version = version;
        }

        public String getDefaultLocale() {
            return defaultLocale;
        }

        public void setDefaultLocale(String defaultLocale) {
            this.defaultLocale = defaultLocale;
        }

        public int getConsentLifetimeMonths() {
            return consentLifetimeMonths;
        }

        public void setConsentLifetimeMonths(int consentLifetimeMonths) {
            this.consentLifetimeMonths = consentLifetimeMonths;
        }

        public Links getLinks() {
            return links;
        }

        public List<Category> getCategories() {
            return categories;
        }

        public void setCategories(List<Category> categories) {
            this.categories = categories;
        }

        public List<Service> getServices() {
            return services;
        }

        public void setServices(List<Service> services) {
            this.services = services;
        }
    }

    /** The privacy policy and imprint links. */
    public static class Links {

        /** The privacy policy: a site path or an http(s) URL (Spring Boot only). */
        private String privacyPolicy;

        /** The imprint: a site path or an http(s) URL (Spring Boot only). */
        private String imprint;

        public String getPrivacyPolicy() {
            return privacyPolicy;
        }

        public void setPrivacyPolicy(String privacyPolicy) {
            this.privacyPolicy = privacyPolicy;
        }

        public String getImprint() {
            return imprint;
        }

        public void setImprint(String imprint) {
            this.imprint = imprint;
        }
    }

    /** One category of the policy. */
    public static class Category {

        /** The id: lower-case letters, digits, - and _. */
        private String id;

        /** Whether the category is always active; it then needs a description saying why. */
        private boolean required;

        /** The label per language tag; built in for the usual categories. */
        private Map<String, String> label = new LinkedHashMap<>();

        /** The description per language tag; built in for the usual categories. */
        private Map<String, String> description = new LinkedHashMap<>();

        /** Google Consent Mode v2 types the category grants, such as analytics_storage. */
        private List<String> googleConsentMode = new ArrayList<>();

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public boolean isRequired() {
            return required;
        }

        public void setRequired(boolean required) {
            this.required = required;
        }

        public Map<String, String> getLabel() {
            return label;
        }

        public void setLabel(Map<String, String> label) {
            this.label = label;
        }

        public Map<String, String> getDescription() {
            return description;
        }

        public void setDescription(Map<String, String> description) {
            this.description = description;
        }

        public List<String> getGoogleConsentMode() {
            return googleConsentMode;
        }

        public void setGoogleConsentMode(List<String> googleConsentMode) {
            this.googleConsentMode = googleConsentMode;
        }
    }

    /** One service of the policy. */
    public static class Service {

        /** The id. */
        private String id;

        /** The id of the category the service belongs to. */
        private String category;

        /** The display name; default the provider. */
        private String name;

        /** Who runs the service. */
        private String provider;

        /** The purpose per language tag. */
        private Map<String, String> purpose = new LinkedHashMap<>();

        /** The provider's privacy policy URL. */
        private String privacyPolicyUrl;

        /** The hosts the service contacts. */
        private List<String> hosts = new ArrayList<>();

        /** The cookies the service sets. */
        private List<ServiceCookie> cookies = new ArrayList<>();

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getCategory() {
            return category;
        }

        public void setCategory(String category) {
            this.category = category;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getProvider() {
            return provider;
        }

        public void setProvider(String provider) {
            this.provider = provider;
        }

        public Map<String, String> getPurpose() {
            return purpose;
        }

        public void setPurpose(Map<String, String> purpose) {
            this.purpose = purpose;
        }

        public String getPrivacyPolicyUrl() {
            return privacyPolicyUrl;
        }

        public void setPrivacyPolicyUrl(String privacyPolicyUrl) {
            this.privacyPolicyUrl = privacyPolicyUrl;
        }

        public List<String> getHosts() {
            return hosts;
        }

        public void setHosts(List<String> hosts) {
            this.hosts = hosts;
        }

        public List<ServiceCookie> getCookies() {
            return cookies;
        }

        public void setCookies(List<ServiceCookie> cookies) {
            this.cookies = cookies;
        }
    }

    /** A cookie a service sets. */
    public static class ServiceCookie {

        /** The exact name or a pattern with *, such as _pk_id.*. */
        private String name;

        /** session, or an ISO-8601 period such as P13M or PT30M. */
        private String lifetime;

        /** Whether third parties can read the cookie. */
        private boolean thirdParty;

        /** What the cookie stores, per language tag. */
        private Map<String, String> description = new LinkedHashMap<>();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getLifetime() {
            return lifetime;
        }

        public void setLifetime(String lifetime) {
            this.lifetime = lifetime;
        }

        public boolean isThirdParty() {
            return thirdParty;
        }

        public void setThirdParty(boolean thirdParty) {
            this.thirdParty = thirdParty;
        }

        public Map<String, String> getDescription() {
            return description;
        }

        public void setDescription(Map<String, String> description) {
            this.description = description;
        }
    }

    /** The consent cookie. */
    public static class Cookie {

        /** The consent cookie's name; __Host-consent4j is a good choice on HTTPS sites. */
        private String name = "consent4j";

        /**
         * The HMAC keys of the cookie as id:base64, the current key first, older ones after it to keep
         * verifying their cookies. Generate a key with: openssl rand -base64 32
         */
        private List<String> keys = new ArrayList<>();

        /** Whether the cookie is sent with Secure; on unless set, off in dev mode unless set. */
        private Boolean secure;

        /** What the filter does with cookies the policy does not declare. */
        private UndeclaredCookies undeclared = UndeclaredCookies.WARN;

        /**
         * The cookie's Domain, such as lernen.example, so that one choice holds on www., shop. and every
         * other host below it; unset for a host-only cookie. No scheme, port or leading dot.
         */
        private String domain;

        /** The cookie's Path; the visitor endpoint and the decided pages must lie below it. */
        private String path = "/";

        public String getDomain() {
            return domain;
        }

        public void setDomain(String domain) {
            this.domain = domain;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public List<String> getKeys() {
            return keys;
        }

        public void setKeys(List<String> keys) {
            this.keys = keys;
        }

        public Boolean getSecure() {
            return secure;
        }

        public void setSecure(Boolean secure) {
            this.secure = secure;
        }

        public UndeclaredCookies getUndeclared() {
            return undeclared;
        }

        public void setUndeclared(UndeclaredCookies undeclared) {
            this.undeclared = undeclared;
        }
    }

    /** The receipt and checkpoint signing key. */
    public static class Receipt {

        /**
         * The Ed25519 private key, base64 of its DER (PKCS#8) form. Generate one with:
         * openssl genpkey -algorithm ed25519 -outform DER | base64
         */
        private String key;

        /**
         * The key's id, named in receipts and the published JWK: 1 to 64 letters, digits, '.', '-' or
         * '_'.
         */
        private String keyId = "receipts-1";

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        public String getKeyId() {
            return keyId;
        }

        public void setKeyId(String keyId) {
            this.keyId = keyId;
        }
    }

    /** The consent ledger. */
    public static class Ledger {

        /**
         * Where records go: h2 (an embedded H2 file at consent4j.ledger.path), datasource (the
         * application's DataSource), jndi (the DataSource named consent4j.ledger.jndi-name) or memory (lost
         * on restart, for demos). Unset, the starter takes datasource when the application has a
         * DataSource, else h2 when H2 is on the class path.
         */
        private ConsentSettings.LedgerStore store;

        /** The H2 database file of the h2 store. */
        private Path path = Path.of("consent4j", "ledger");

        /** The JNDI name of the DataSource of the jndi store, such as java:comp/env/jdbc/consent. */
        private String jndiName;

        /**
         * When a ledger on a DataSource (the datasource and jndi stores) creates its missing tables: always,
         * embedded (only in an in-memory database) or never (the site's migrations create them).
         */
        private ConsentSettings.SchemaInitialization initializeSchema = ConsentSettings.SchemaInitialization.EMBEDDED;

        /**
         * How long records are kept before the retention job purges them; at least 13 months (396 days).
         */
        private Duration retention = RetentionJob.DEFAULT_RETENTION;

        /** How often the retention job runs. */
        private Duration retentionInterval = Duration.ofDays(1);

        public ConsentSettings.LedgerStore getStore() {
            return store;
        }

        public void setStore(ConsentSettings.LedgerStore store) {
            this.store = store;
        }

        public Path getPath() {
            return path;
        }

        public void setPath(Path path) {
            this.path = path;
        }

        public String getJndiName() {
            return jndiName;
        }

        public void setJndiName(String jndiName) {
            this.jndiName = jndiName;
        }

        public ConsentSettings.SchemaInitialization getInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(ConsentSettings.SchemaInitialization initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public Duration getRetentionInterval() {
            return retentionInterval;
        }

        public void setRetentionInterval(Duration retentionInterval) {
            this.retentionInterval = retentionInterval;
        }
    }

    /** The consent filter. */
    public static class Filter {

        /**
         * Whether the filter runs. Off, no request is decided or gated: templates see no consent
         * (#consent.allowed is false) and Set-Cookie headers pass unchecked. Meant for measuring what the
         * filter costs; never turn it off on a live site.
         */
        private boolean enabled = true;

        /** The URL patterns the filter runs on. */
        private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

        /**
         * The filter's order among the application's filters; early, so that it sees the cookies every
         * later filter sets (Spring Boot only: a plain servlet application orders filters by registration).
         */
        private int order = Ordered.HIGHEST_PRECEDENCE + 100;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getUrlPatterns() {
            return urlPatterns;
        }

        public void setUrlPatterns(List<String> urlPatterns) {
            this.urlPatterns = urlPatterns;
        }

        public int getOrder() {
            return order;
        }

        public void setOrder(int order) {
            this.order = order;
        }
    }

    /** The visitor endpoint. */
    public static class Endpoint {

        /** The endpoint's path. */
        private String path = "/consent";

        /** Limits on choices posted per client network. */
        private final RateLimit rateLimit = new RateLimit();

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public RateLimit getRateLimit() {
            return rateLimit;
        }
    }

    /** Limits on choices posted per client network. */
    public static class RateLimit {

        /** Choices a client network may post per window. */
        private int posts = 30;

        /** The window of the limit. */
        private Duration window = Duration.ofMinutes(1);

        public int getPosts() {
            return posts;
        }

        public void setPosts(int posts) {
            this.posts = posts;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }
    }

    /** The auditor endpoint. */
    public static class Audit {

        /** The endpoint's path. */
        private String path = "/consent-audit";

        /**
         * SHA-256 (hex) of each auditor bearer token (printf %s "$TOKEN" | sha256sum). The endpoint is off
         * unless at least one is set, or Spring Security guards it.
         */
        private List<String> tokenHashes = new ArrayList<>();

        /** The authority an auditor needs when Spring Security protects the endpoint (Spring Boot only). */
        private String authority = "CONSENT_AUDITOR";

        /** The longest range one export, verification or statistics request may cover. */
        private Duration maxRange = Duration.ofDays(366);

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public List<String> getTokenHashes() {
            return tokenHashes;
        }

        public void setTokenHashes(List<String> tokenHashes) {
            this.tokenHashes = tokenHashes;
        }

        public String getAuthority() {
            return authority;
        }

        public void setAuthority(String authority) {
            this.authority = authority;
        }

        public Duration getMaxRange() {
            return maxRange;
        }

        public void setMaxRange(Duration maxRange) {
            this.maxRange = maxRange;
        }
    }

    /** Parental consent: the link a child's banner offers a parent. */
    public static class Parental {

        /** How long a parental-consent link can be used: from 1 minute to 30 days. */
        private Duration linkLifetime = Duration.ofDays(7);

        public Duration getLinkLifetime() {
            return linkLifetime;
        }

        public void setLinkLifetime(Duration linkLifetime) {
            this.linkLifetime = linkLifetime;
        }
    }

    /** A nonce-based Content-Security-Policy ({@code script-src 'nonce-…'}). */
    public static class Csp {

        /**
         * The request attribute in which the site's own filter puts the nonce of the response's
         * Content-Security-Policy; every script element consent4j writes into a page then carries it as
         * nonce="…". Unset: no nonce.
         */
        private String nonceAttribute;

        public String getNonceAttribute() {
            return nonceAttribute;
        }

        public void setNonceAttribute(String nonceAttribute) {
            this.nonceAttribute = nonceAttribute;
        }
    }
}
