/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.PurgeableConsentLedger;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.RetentionJob;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import io.consent4j.servlet.ConsentSettings.LedgerStore;
import io.consent4j.servlet.ConsentSettings.SchemaInitialization;
import io.consent4j.servlet.parity.ManualRetention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ConsentAssembly} builds from {@link ConsentSettings}, the one place both front doors
 * build consent4j: where the policy comes from, which ledger, the keys of dev mode, and the retention
 * job's life.
 */
class ConsentAssemblyTest {

    private static final String KEYS = "k1:" + java.util.Base64.getEncoder().encodeToString(Fixtures.secret());
    private static final String POLICY_RESOURCE = "io/consent4j/servlet/parity/parity-policy.json";

    @TempDir
    Path dir;

    private static ConsentSettingsBuilder keyed() {
        return ConsentSettings.builder()
                .cookieKeys(List.of(KEYS))
                .receiptKey(Site.SIGNER.privateKeyBase64())
                .receiptKeyId("receipts-test");
    }

    @Test
    void readsThePolicyFromTheClassPathAFileUrlOrAPlainPath() throws Exception {
        Path file = dir.resolve("policy.json");
        try (var in = getClass().getClassLoader().getResourceAsStream(POLICY_RESOURCE)) {
            Files.copy(in, file);
        }
        ConsentPolicy fromClassPath = ConsentAssembly.policy(
                keyed().policyLocation("classpath:" + POLICY_RESOURCE).build());

        assertThat(ConsentAssembly.policy(
                        keyed().policyLocation("classpath:/" + POLICY_RESOURCE).build()))
                .isEqualTo(fromClassPath);
        assertThat(ConsentAssembly.policy(
                        keyed().policyLocation(file.toString()).build()))
                .isEqualTo(fromClassPath);
        assertThat(ConsentAssembly.policy(
                        keyed().policyLocation(file.toUri().toString()).build()))
                .isEqualTo(fromClassPath);
        assertThat(ConsentAssembly.policy(keyed().policyLocation("file:" + file).build()))
                .isEqualTo(fromClassPath);
        assertThat(ConsentAssembly.policy(keyed().policy(Fixtures.POLICY)
                        .policyLocation("classpath:nowhere.json")
                        .build()))
                .as("a policy given in code wins")
                .isSameAs(Fixtures.POLICY);
        assertThatThrownBy(() -> ConsentAssembly.policy(
                        keyed().policyLocation("classpath:nowhere.json").build()))
                .hasMessageContaining("consent4j.policy.location 'classpath:nowhere.json' does not exist");
    }

    @Test
    void aStrictPolicyStopsTheStartOnATextMissingInOneOfItsLanguages_C11() throws Exception {
        Path file = dir.resolve("half-translated.json");
        Files.writeString(file, """
                { "defaultLocale": "de",
                  "links": { "privacyPolicy": "/datenschutz", "imprint": "/impressum" },
                  "categories": [
                    { "id": "necessary", "required": true,
                      "label": { "de": "Notwendig", "en": "Necessary" } },
                    { "id": "analytics",
                      "label": { "de": "Analyse", "en": "Analytics" } } ],
                  "services": [ { "id": "matomo", "category": "analytics", "provider": { "de": "Lernplattform", "en": "Learning platform" },
                                  "purpose": { "de": "Reichweitenmessung" } } ] }
                """);

        assertThat(ConsentAssembly.policy(
                                keyed().policyLocation(file.toString()).build())
                        .warnings())
                .as("without strict mode the gap is a warning")
                .extracting(problem -> problem.path())
                .containsExactly("services[0].purpose.en");
        assertThatThrownBy(() -> ConsentAssembly.policy(keyed().policyLocation(file.toString())
                        .policyStrict(true)
                        .build()))
                .hasMessageContaining("consent4j.policy.location '" + file + "' is not a valid policy")
                .hasMessageContaining("services[0].purpose.en");
    }

    @Test
    void buildsTheInMemoryLedgerAndClosesWhatItOpened() {
        ConsentAssembly assembly = ConsentAssembly.build(
                keyed().policy(Fixtures.POLICY).ledgerStore(LedgerStore.MEMORY).build());
        InMemoryConsentLedger ledger =
                (InMemoryConsentLedger) assembly.manager().ledger();

        assembly.close();

        assertThatThrownBy(() -> ledger.append(given(ConsentId.random())))
                .as("the ledger the assembly opened is closed with it")
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void leavesAGivenLedgerOpen() {
        try (InMemoryConsentLedger own =
                new InMemoryConsentLedger(LedgerSettings.builder(Site.SIGNER).build())) {
            ConsentAssembly.build(keyed().policy(Fixtures.POLICY)
                            .ledger(own)
                            .ledgerStore(LedgerStore.H2)
                            .build())
                    .close();

            assertThat(own.append(given(ConsentId.random()))).isNotNull();
            assertThat(own.verify().ok()).isTrue();
        }
    }

    @Test
    void opensTheH2FileAtTheLedgerPathWithTheLedgerCustomizers() {
        Path file = dir.resolve("data/ledger");
        try (ConsentAssembly assembly = ConsentAssembly.build(keyed().policy(Fixtures.POLICY)
                .ledgerStore(LedgerStore.H2)
                .ledgerPath(file)
                .ledgerCustomizer(settings -> settings.chainId("node-7"))
                .build())) {
            assertThat(assembly.manager().ledger()).isInstanceOf(JdbcConsentLedger.class);
            assertThat(assembly.manager().ledger().chainId()).isEqualTo("node-7");
        }
        assertThat(dir.resolve("data/ledger.mv.db")).isNotEmptyFile();
    }

    @Test
    void createsTheTablesOfADataSourceOnlyInAnEmbeddedDatabaseByDefault() {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:assembly-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        JdbcDataSource file = new JdbcDataSource();
        file.setURL("jdbc:h2:file:" + dir.resolve("site") + ";WRITE_DELAY=0");

        try (PurgeableConsentLedger ledger = ConsentAssembly.ledger(
                keyed().ledgerStore(LedgerStore.DATASOURCE).dataSource(memory).build(), Site.SIGNER)) {
            assertThat(((JdbcConsentLedger) ledger).dialect()).isEqualTo(JdbcDialect.H2);
            ledger.archive(Fixtures.POLICY);
            assertThat(ledger.verify().ok()).isTrue();
        }
        try (PurgeableConsentLedger ledger = ConsentAssembly.ledger(
                keyed().ledgerStore(LedgerStore.DATASOURCE)
                        .dataSource(file)
                        .initializeSchema(SchemaInitialization.ALWAYS)
                        .build(),
                Site.SIGNER)) {
            ledger.archive(Fixtures.POLICY);
            assertThat(ledger.findPolicy(Fixtures.POLICY.contentHash())).isPresent();
        }
        assertThatThrownBy(() -> ConsentAssembly.ledger(
                        keyed().ledgerStore(LedgerStore.DATASOURCE).build(), Site.SIGNER))
                .hasMessageContaining("consent4j.ledger.store=datasource needs a DataSource");
    }

    @Test
    void devModeSignsWithThrowawayKeysAndSendsTheCookieWithoutSecure() {
        ConsentSettings settings = ConsentSettings.builder()
                .devMode(true)
                .policy(Fixtures.POLICY)
                .ledgerStore(LedgerStore.MEMORY)
                .receiptKeyId("k".repeat(64))
                .build();

        try (ConsentAssembly assembly = ConsentAssembly.build(settings)) {
            assertThat(assembly.manager().receiptSigner().keyId()).isEqualTo("dev-" + "k".repeat(60));
            assertThat(settings.secureCookie()).isFalse();
            assertThat(assembly.endpoint()).isNotNull();
        }
        assertThat(ConsentSettings.builder()
                        .devMode(true)
                        .cookieSecure(true)
                        .build()
                        .secureCookie())
                .isTrue();
        assertThat(ConsentSettings.builder().build().secureCookie()).isTrue();
    }

    @Test
    void withoutDevModeMissingKeysAreNamedWithHowToMakeThem() {
        ConsentSettings noCookieKey = ConsentSettings.builder()
                .receiptKey(Site.SIGNER.privateKeyBase64())
                .build();
        ConsentSettings noReceiptKey =
                ConsentSettings.builder().cookieKeys(List.of(KEYS)).build();

        assertThatThrownBy(() -> ConsentAssembly.cookieCodec(noCookieKey))
                .hasMessageContaining("consent4j.cookie.keys is missing")
                .hasMessageContaining("openssl rand -base64 32")
                .hasMessageContaining("consent4j.dev-mode=true");
        assertThatThrownBy(() -> ConsentAssembly.receiptSigner(noReceiptKey))
                .hasMessageContaining("consent4j.receipt.key is missing")
                .hasMessageContaining("openssl genpkey -algorithm ed25519");
        assertThatThrownBy(() -> ConsentSettings.builder().cookieKeys(List.of(KEYS, "no-id")))
                .hasMessageContaining("consent4j.cookie.keys[1]")
                .hasMessageContaining("has no id");
    }

    @Test
    void startsTheRetentionJobThroughItsSchedulerAndPurgesOnTheSettingsClock_C26() {
        Site.MutableClock clock = new Site.MutableClock(Fixtures.NOW);
        ManualRetention retention = new ManualRetention();
        ConsentAssembly assembly = ConsentAssembly.build(keyed().policy(Fixtures.POLICY)
                .ledgerStore(LedgerStore.MEMORY)
                .clock(clock)
                .retention(Duration.ofDays(400))
                .retentionInterval(Duration.ofHours(6))
                .retentionScheduler(retention)
                .build());
        ConsentId old = ConsentId.random();
        assembly.manager().ledger().append(given(old));
        assertThat(retention.started()).as("nothing runs before start()").isFalse();

        assembly.start();
        clock.advance(Duration.ofDays(401));
        Optional<ConsentRecord> purge = retention.runNow();
        assembly.close();

        assertThat(retention.interval()).isEqualTo(Duration.ofHours(6));
        assertThat(purge).hasValueSatisfying(record -> {
            assertThat(record.content().event()).isEqualTo(ConsentEvent.PURGE);
            assertThat(record.recordedAt()).isEqualTo(Fixtures.NOW.plus(Duration.ofDays(401)));
        });
        assertThat(retention.started()).as("close() stops the schedule").isFalse();
    }

    private static RecordContent given(ConsentId id) {
        return RecordContent.builder(Fixtures.POLICY, ConsentEvent.GIVEN)
                .consentId(id)
                .build();
    }

    @Test
    void theDefaultSchedulePurgesAtOnceOnADaemonThread_C26() throws Exception {
        CountDownLatch purged = new CountDownLatch(1);
        try (InMemoryConsentLedger ledger =
                new InMemoryConsentLedger(LedgerSettings.builder(Site.SIGNER).build()) {
                    @Override
                    public Optional<ConsentRecord> purgeBefore(Instant cutoff) {
                        try {
                            return super.purgeBefore(cutoff);
                        } finally {
                            purged.countDown();
                        }
                    }
                }) {
            try (ConsentAssembly assembly = ConsentAssembly.build(
                            keyed().policy(Fixtures.POLICY).ledger(ledger).build())
                    .start()) {
                // Waits for the state, not for a time: the first purge runs as soon as the schedule starts.
                purged.await();
                assertThat(assembly.retentionJob()).get().isInstanceOf(RetentionJob.class);
            }
        }
    }

    @Test
    void closingLetsARunningPurgeFinishAndNeverInterruptsIt_C26() throws Exception {
        CountDownLatch purging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        try (InMemoryConsentLedger ledger =
                new InMemoryConsentLedger(LedgerSettings.builder(Site.SIGNER).build()) {
                    @Override
                    public Optional<ConsentRecord> purgeBefore(Instant cutoff) {
                        purging.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            // An interrupt here would have closed an H2 file under a real purge's writes.
                            interrupted.set(true);
                            Thread.currentThread().interrupt();
                        }
                        return super.purgeBefore(cutoff);
                    }
                }) {
            ConsentAssembly assembly = ConsentAssembly.build(
                            keyed().policy(Fixtures.POLICY).ledger(ledger).build())
                    .start();
            purging.await();

            Thread closing = new Thread(assembly::close, "closing");
            closing.start();
            // Waits for a state: close() either waits for the purge or, wrongly, has already returned.
            while (closing.getState() != Thread.State.TIMED_WAITING
                    && closing.getState() != Thread.State.WAITING
                    && closing.getState() != Thread.State.TERMINATED) {
                Thread.onSpinWait();
            }
            assertThat(closing.getState())
                    .as("close() waits for the running purge")
                    .isNotEqualTo(Thread.State.TERMINATED);
            release.countDown();
            closing.join();

            assertThat(interrupted).isFalse();
        }
    }
}
