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
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ConsentServletSetup} says when configuration is missing or wrong: it fails before it
 * registers anything, naming the parameter and how to fix it.
 */
class ConsentServletSetupTest {

    private static final String KEYS = "k1:" + Base64.getEncoder().encodeToString(Fixtures.secret());

    /** A servlet context that only answers init parameters; registering anything fails the test. */
    private static ServletContext context(Map<String, String> initParameters) {
        return (ServletContext) Proxy.newProxyInstance(
                ServletContext.class.getClassLoader(), new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getInitParameter")) {
                        return initParameters.get((String) args[0]);
                    }
                    throw new AssertionError("setup registered something despite bad configuration: " + method);
                });
    }

    private static Map<String, String> complete() {
        Map<String, String> config = new HashMap<>();
        config.put(ConsentServletSetup.COOKIE_KEYS, KEYS);
        config.put(ConsentServletSetup.RECEIPT_KEY, Site.SIGNER.privateKeyBase64());
        config.put(ConsentServletSetup.LEDGER, "memory");
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
    void missingPolicyNamesThePolicyFileParameter() {
        assertThatThrownBy(() ->
                        ConsentServletSetup.builder().configuration(complete()).install(context(Map.of())))
                .hasMessageContaining("consent4j.policy.file");
    }

    @Test
    void aPolicyFileThatDoesNotExistIsNamed(@TempDir Path dir) {
        Map<String, String> config = complete();
        config.put(ConsentServletSetup.POLICY_FILE, dir.resolve("missing.json").toString());

        assertThatThrownBy(() ->
                        ConsentServletSetup.builder().configuration(config).install(context(Map.of())))
                .hasMessageContaining("consent4j.policy.file")
                .hasMessageContaining("missing.json");
    }

    @Test
    void anInvalidPolicyFileSaysWhatIsWrong(@TempDir Path dir) throws Exception {
        Map<String, String> config = complete();
        config.put(
                ConsentServletSetup.POLICY_FILE,
                Files.writeString(dir.resolve("p.json"), "{\"version\":0}").toString());

        assertThatThrownBy(() ->
                        ConsentServletSetup.builder().configuration(config).install(context(Map.of())))
                .hasMessageContaining("consent4j.policy.file")
                .hasMessageContaining("not a valid policy");
    }

    @Test
    void withoutALedgerTheSetupAsksForOneAndMentionsTheMemoryOption() {
        Map<String, String> config = complete();
        config.remove(ConsentServletSetup.LEDGER);

        assertThatThrownBy(() -> ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .configuration(config)
                        .install(context(Map.of())))
                .hasMessageContaining("consent4j.ledger=memory")
                .hasMessageContaining("ledger(...)");
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
                .hasMessageContaining("tokenHashes")
                .hasMessageContaining("sha256sum");
        assertThatThrownBy(() -> ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .configuration(path)
                        .install(context(Map.of())))
                .hasMessageContaining("consent4j.endpoint.path");
    }

    @Test
    void hashTokenIsTheHexSha256OfTheToken() {
        assertThat(AuditEndpoint.hashToken("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
