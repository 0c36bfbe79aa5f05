/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ConsentServletSetup} says when configuration is missing or wrong: it fails before it
 * registers anything, naming the parameter and how to fix it.
 */
class ConsentServletSetupTest {

    private static final String KEYS = "k1:" + Base64.getEncoder().encodeToString(Fixtures.secret());

    /** A servlet context that only answers init parameters and its class loader; registering anything fails the test. */
    private static ServletContext context(Map<String, String> initParameters) {
        return (ServletContext) Proxy.newProxyInstance(
                ServletContext.class.getClassLoader(), new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getInitParameter" -> {
                            return initParameters.get((String) args[0]);
                        }
                        case "getInitParameterNames" -> {
                            return Collections.enumeration(initParameters.keySet());
                        }
                        case "getClassLoader" -> {
                            return ConsentServletSetupTest.class.getClassLoader();
                        }
                        default ->
                            throw new AssertionError("setup registered something despite bad configuration: " + method);
                    }
                });
    }

    private static Map<String, String> complete() {
        Map<String, String> config = new HashMap<>();
        config.put(ConsentServletSetup.COOKIE_KEYS, KEYS);
        config.put(ConsentServletSetup.RECEIPT_KEY, Site.SIGNER.privateKeyBase64());
        config.put(ConsentServletSetup.LEDGER_STORE, "memory");
        return config;
    }

    @Test
    void missingCookieKeysNameTheParameterAndHowToGenerateOne() {
        Map<String, String> config = complete();
        config.remove(ConsentServletSetup.COOKIE_KEYS);

        assertThatThrownBy(() -> ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .configuration(config)
                        .install(context(Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("consent4j.cookie.keys")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aTooShortCookieKeyIsRefused() {
        Map<String, String> config = complete();
        config.put(ConsentServletSetup.COOKIE_KEYS, "k1:c2hvcnQ=");

        assertThatThrownBy(() -> ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .configuration(config)
                        .install(context(Map.of())))
                .hasMessageContaining("consent4j.cookie.keys");
    }

    @Test
    void missingReceiptKeyNamesTheParameterAndTheOpensslCommand() {
        Map<String, String> config = complete();
        config.remove(ConsentServletSetup.RECEIPT_KEY);

        assertThatThrownBy(() -> ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .configuration(config)
                        .install(context(Map.of())))
                .hasMessageContaining("consent4j.receipt.key")
                .hasMessageContaining("openssl genpkey -algorithm ed25519");
    }

    @Test
    void aReceiptKeyIdThatIsNotAPlainTokenIsNamedWithTheParameter_C24() {
        Map<String, String> config = complete();
        config.put(ConsentServletSetup.RECEIPT_KEY_ID, "receipts/1");

        assertThatThrownBy(() -> ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .configuration(config)
                        .install(context(Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("consent4j.receipt.key-id 'receipts/1' is not a valid key id")
                .hasMessageContaining("1 to 64 letters, digits");
    }

    @Test
    void missingPolicyNamesThePolicyLocationParameter() {
        assertThatThrownBy(() ->
                        ConsentServletSetup.builder().configuration(complete()).install(context(Map.of())))
                .hasMessageContaining("consent4j.policy.location is missing");
    }

    @Test
    void aPolicyFileThatDoesNotExistIsNamed(@TempDir Path dir) {
        Map<String, String> config = complete();
        config.put(
                ConsentServletSetup.POLICY_LOCATION, dir.resolve("missing.json").toString());

        assertThatThrownBy(() ->
                        ConsentServletSetup.builder().configuration(config).install(context(Map.of())))
                .hasMessageContaining("consent4j.policy.location")
                .hasMessageContaining("missing.json");
    }

    @Test
    void anInvalidPolicyFileSaysWhatIsWrong(@TempDir Path dir) throws Exception {
        Map<String, String> config = complete();
        config.put(
                ConsentServletSetup.POLICY_LOCATION,
                Files.writeString(dir.resolve("p.json"), "{\"version\":0}").toString());

        assertThatThrownBy(() ->
                        ConsentServletSetup.builder().configuration(config).install(context(Map.of())))
                .hasMessageContaining("consent4j.policy.location")
                .hasMessageContaining("not a valid policy");
    }

    @Test
    void withoutALedgerTheSetupAsksForOneAndMentionsTheMemoryOption() {
        Map<String, String> config = complete();
        config.remove(ConsentServletSetup.LEDGER_STORE);

        assertThatThrownBy(() -> ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .configuration(config)
                        .install(context(Map.of())))
                .hasMessageContaining("consent4j.ledger.store to h2")
                .hasMessageContaining("memory for a demo")
                .hasMessageContaining("give a ledger in code");
    }

    @Test
    void readsServletContextInitParametersWhenTheMapHasNone() {
        Map<String, String> init = complete();
        init.remove(ConsentServletSetup.RECEIPT_KEY);

        // The receipt key is the one missing everywhere: the keys and ledger came from init parameters.
        assertThatThrownBy(() ->
                        ConsentServletSetup.builder().policy(Fixtures.POLICY).install(context(init)))
                .hasMessageContaining("consent4j.receipt.key is missing");
    }

    @Test
    void badAuditTokenHashAndBadPathsAreNamed() {
        Map<String, String> hashes = complete();
        hashes.put(ConsentServletSetup.AUDIT_TOKEN_HASHES, "secret-token");
        Map<String, String> path = complete();
        path.put(ConsentServletSetup.ENDPOINT_PATH, "consent/");

        assertThatThrownBy(() -> ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .ledger(new InMemoryConsentLedger(
                                LedgerSettings.builder(Site.SIGNER).build()))
                        .configuration(hashes)
                        .install(context(Map.of())))
                .hasMessageContaining("consent4j.audit.token-hashes[0]")
                .hasMessageContaining("sha256sum");
        assertThatThrownBy(() -> ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .configuration(path)
                        .install(context(Map.of())))
                .hasMessageContaining("consent4j.endpoint.path");
    }

    @Test
    void anUnknownConsent4jParameterStopsTheStartSoThatAMisspeltOneIsNotIgnored() {
        Map<String, String> init = complete();
        init.put("consent4j.ledger", "h2:/var/lib/site/ledger");

        assertThatThrownBy(() ->
                        ConsentServletSetup.builder().policy(Fixtures.POLICY).install(context(init)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("consent4j.ledger is not a consent4j parameter")
                .hasMessageContaining(ConsentServletSetup.LEDGER_STORE);
    }

    @Test
    void readsEveryParameterIntoTheSettings(@TempDir Path dir) {
        Map<String, String> config = new HashMap<>();
        config.put(ConsentServletSetup.DEV_MODE, "TRUE");
        config.put(ConsentServletSetup.POLICY_LOCATION, "classpath:site/policy.json");
        config.put(ConsentServletSetup.POLICY_STRICT, "true");
        config.put(
                ConsentServletSetup.COOKIE_KEYS,
                KEYS + ", k0:" + Base64.getEncoder().encodeToString(new byte[32]));
        config.put(ConsentServletSetup.COOKIE_NAME, "__Secure-consent");
        config.put(ConsentServletSetup.COOKIE_SECURE, "true");
        config.put(ConsentServletSetup.COOKIE_DOMAIN, ".Lernen.Example");
        config.put(ConsentServletSetup.COOKIE_PATH, "/site");
        config.put(ConsentServletSetup.UNDECLARED, "DROP");
        config.put(ConsentServletSetup.RECEIPT_KEY, "a2V5");
        config.put(ConsentServletSetup.RECEIPT_KEY_ID, "site-2026");
        config.put(ConsentServletSetup.LEDGER_STORE, "datasource");
        config.put(ConsentServletSetup.LEDGER_PATH, dir.resolve("ledger").toString());
        config.put(ConsentServletSetup.LEDGER_JNDI_NAME, "java:comp/env/jdbc/consent");
        config.put(ConsentServletSetup.LEDGER_INITIALIZE_SCHEMA, "never");
        config.put(ConsentServletSetup.LEDGER_RETENTION, "P800D");
        config.put(ConsentServletSetup.LEDGER_RETENTION_INTERVAL, "6h");
        config.put(ConsentServletSetup.FILTER_ENABLED, "false");
        config.put(ConsentServletSetup.FILTER_PATTERNS, "/courses/*, /kids/*");
        config.put(ConsentServletSetup.ENDPOINT_PATH, "/privacy/consent");
        config.put(ConsentServletSetup.RATE_POSTS, "5");
        config.put(ConsentServletSetup.RATE_WINDOW, "30s");
        config.put(ConsentServletSetup.AUDIT_PATH, "/auditors");
        config.put(
                ConsentServletSetup.AUDIT_TOKEN_HASHES,
                AuditEndpoint.hashToken("a") + "," + AuditEndpoint.hashToken("b"));
        config.put(ConsentServletSetup.AUDIT_MAX_RANGE, "31d");
        config.put(ConsentServletSetup.PARENTAL_LINK_LIFETIME, "2d");
        config.put(ConsentServletSetup.CSP_NONCE_ATTRIBUTE, " cspNonce ");
        config.put(ConsentServletSetup.ACCOUNT_RESTORE, "true");
        config.put(ConsentServletSetup.ACCOUNT_CHECK_INTERVAL, "0s");
        assertThat(config.keySet()).containsExactlyInAnyOrderElementsOf(ConsentServletSetup.PARAMETERS);

        ConsentSettings settings =
                ConsentServletSetup.builder().configuration(config).settings(context(Map.of()));

        assertThat(settings.devMode()).isTrue();
        assertThat(settings.policyLocation()).isEqualTo("classpath:site/policy.json");
        assertThat(settings.policyStrict()).isTrue();
        assertThat(settings.cookieKeys()).extracting(k -> k.id()).containsExactly("k1", "k0");
        assertThat(settings.cookieName()).isEqualTo("__Secure-consent");
        assertThat(settings.secureCookie()).isTrue();
        assertThat(settings.cookieDomain()).isEqualTo("lernen.example");
        assertThat(settings.cookiePath()).isEqualTo("/site");
        assertThat(settings.accountRestore()).isTrue();
        assertThat(settings.accountCheckInterval()).isZero();
        assertThat(settings.undeclaredCookies()).isEqualTo(UndeclaredCookies.DROP);
        assertThat(settings.receiptKey()).isEqualTo("a2V5");
        assertThat(settings.receiptKeyId()).isEqualTo("site-2026");
        assertThat(settings.ledgerStore()).isEqualTo(ConsentSettings.LedgerStore.DATASOURCE);
        assertThat(settings.ledgerPath()).isEqualTo(dir.resolve("ledger"));
        assertThat(settings.ledgerJndiName()).isEqualTo("java:comp/env/jdbc/consent");
        assertThat(settings.initializeSchema()).isEqualTo(ConsentSettings.SchemaInitialization.NEVER);
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(800));
        assertThat(settings.retentionInterval()).isEqualTo(Duration.ofHours(6));
        assertThat(settings.filterEnabled()).isFalse();
        assertThat(settings.filterUrlPatterns()).containsExactly("/courses/*", "/kids/*");
        assertThat(settings.endpointPath()).isEqualTo("/privacy/consent");
        assertThat(settings.rateLimitPosts()).isEqualTo(5);
        assertThat(settings.rateLimitWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.auditPath()).isEqualTo("/auditors");
        assertThat(settings.auditTokenHashes()).hasSize(2);
        assertThat(settings.auditMaxRange()).isEqualTo(Duration.ofDays(31));
        assertThat(settings.parentalLinkLifetime()).isEqualTo(Duration.ofDays(2));
        assertThat(settings.cspNonceAttribute()).isEqualTo("cspNonce");
    }

    @Test
    void badValuesAreNamedWithTheirParameterAndWhatIsExpected() {
        for (Map.Entry<String, String> bad : List.of(
                Map.entry(ConsentServletSetup.RATE_WINDOW, "soon"),
                Map.entry(ConsentServletSetup.LEDGER_STORE, "postgres"),
                Map.entry(ConsentServletSetup.LEDGER_INITIALIZE_SCHEMA, "true"),
                Map.entry(ConsentServletSetup.COOKIE_SECURE, "yes"),
                Map.entry(ConsentServletSetup.RATE_POSTS, "many"),
                Map.entry(ConsentServletSetup.AUDIT_PATH, "/consent"),
                Map.entry(ConsentServletSetup.CSP_NONCE_ATTRIBUTE, "csp nonce"))) {
            Map<String, String> config = complete();
            config.put(bad.getKey(), bad.getValue());

            assertThatThrownBy(() -> ConsentServletSetup.builder()
                            .policy(Fixtures.POLICY)
                            .configuration(config)
                            .install(context(Map.of())))
                    .as(bad.toString())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(bad.getKey() + " '" + bad.getValue() + "'");
        }
    }

    @Test
    void aRetentionShorterThanTheLongestConsentIsRefused_C26() {
        Map<String, String> config = complete();
        config.put(ConsentServletSetup.LEDGER_RETENTION, "30d");

        assertThatThrownBy(() -> ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .configuration(config)
                        .install(context(Map.of())))
                .hasMessageContaining("consent4j.ledger.retention")
                .hasMessageContaining("13 months");
    }

    @Test
    void devModeRunsWithoutKeysOnThrowawayOnesAndACookieWithoutSecure() {
        Map<String, String> config = new HashMap<>();
        config.put(ConsentServletSetup.DEV_MODE, "true");
        config.put(ConsentServletSetup.LEDGER_STORE, "memory");

        ConsentSettings settings = ConsentServletSetup.builder()
                .policy(Fixtures.POLICY)
                .configuration(config)
                .settings(context(Map.of()));
        try (ConsentAssembly assembly = ConsentAssembly.build(settings)) {
            assertThat(assembly.manager().receiptSigner().keyId()).isEqualTo("dev-receipts-1");
            assertThat(settings.secureCookie()).isFalse();
        }
    }

    @Test
    void hashTokenIsTheHexSha256OfTheToken() {
        assertThat(AuditEndpoint.hashToken("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
