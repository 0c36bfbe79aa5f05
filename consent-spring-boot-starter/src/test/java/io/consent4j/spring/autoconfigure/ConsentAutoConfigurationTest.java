/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.PurgeableConsentLedger;
import io.consent4j.core.ledger.RetentionJob;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.PolicyLinks;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.servlet.ConsentAssembly;
import io.consent4j.servlet.ConsentSettings;
import io.consent4j.servlet.parity.ManualRetention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ConsentAutoConfigurationTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(ConsentAutoConfiguration.class, ConsentRetentionAutoConfiguration.class))
                .withPropertyValues(
                        "consent4j.policy.location=classpath:consent-policy.json",
                        "consent4j.ledger.path=" + dir.resolve("ledger"));
    }

    private ApplicationContextRunner devRunner() {
        return runner().withPropertyValues("consent4j.dev-mode=true");
    }

    static String cookieKey() {
        return Base64.getEncoder().encodeToString(new byte[32]);
    }

    static String receiptKey() {
        return QuickStartIT.receiptKey();
    }

    @Test
    void createsEveryCoreBeanOnAnH2FileLedgerWhenThereIsNoDataSource() {
        devRunner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ConsentPolicy.class);
            assertThat(context).hasSingleBean(CookieConsentCodec.class);
            assertThat(context).hasSingleBean(ReceiptSigner.class);
            assertThat(context).hasSingleBean(ConsentManager.class);
            assertThat(context).getBean(ConsentLedger.class).isInstanceOf(JdbcConsentLedger.class);
            assertThat(context).hasSingleBean(RetentionJob.class);
            assertThat(context.getBean(ConsentPolicy.class).defaultLocale()).isEqualTo("de");
        });
        assertThat(Files.exists(dir.resolve("ledger.mv.db"))).isTrue();
    }

    @Test
    void usesTheConfiguredKeysOutsideDevMode() {
        runner().withPropertyValues(
                        "consent4j.cookie.keys=k2:" + cookieKey() + ",k1:" + cookieKey(),
                        "consent4j.receipt.key=" + receiptKey(),
                        "consent4j.receipt.key-id=site-receipts")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ReceiptSigner.class).keyId()).isEqualTo("site-receipts");
                });
    }

    @Test
    void failsWithHowToGenerateACookieKeyWhenNoneIsConfigured() {
        runner().withPropertyValues("consent4j.receipt.key=" + receiptKey())
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("consent4j.cookie.keys is missing")
                        .hasMessageContaining("openssl rand -base64 32"));
    }

    @Test
    void failsWithHowToGenerateAReceiptKeyWhenNoneIsConfigured() {
        runner().withPropertyValues("consent4j.cookie.keys=k1:" + cookieKey())
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("consent4j.receipt.key is missing")
                        .hasMessageContaining("openssl genpkey -algorithm ed25519"));
    }

    @Test
    void aReceiptKeyIdThatIsNotAPlainTokenIsNamedWithTheSetting_C24() {
        runner().withPropertyValues(
                        "consent4j.cookie.keys=k1:" + cookieKey(),
                        "consent4j.receipt.key=" + receiptKey(),
                        "consent4j.receipt.key-id=site\"receipts")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("consent4j.receipt.key-id 'site\"receipts' is not a valid key id")
                        .hasStackTraceContaining("1 to 64 letters, digits"));
        // Dev mode writes the id into the throwaway key's JWK too, so it is checked there as well.
        devRunner()
                .withPropertyValues("consent4j.receipt.key-id=" + "k".repeat(65))
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("consent4j.receipt.key-id '" + "k".repeat(65) + "'"));
    }

    @Test
    void devModesThrowawayKeyIdStaysAPlainToken() {
        devRunner()
                .withPropertyValues("consent4j.receipt.key-id=" + "k".repeat(64))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ReceiptSigner.class).keyId()).isEqualTo("dev-" + "k".repeat(60));
                });
        devRunner()
                .run(context ->
                        assertThat(context.getBean(ReceiptSigner.class).keyId()).isEqualTo("dev-receipts-1"));
    }

    @Test
    void namesTheCookieKeyEntryWithoutAnId() {
        runner().withPropertyValues("consent4j.cookie.keys=" + cookieKey(), "consent4j.receipt.key=" + receiptKey())
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("consent4j.cookie.keys[0]")
                        .hasStackTraceContaining("has no id"));
    }

    @Test
    void buildsThePolicyFromProperties() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConsentAutoConfiguration.class))
                .withPropertyValues(
                        "consent4j.dev-mode=true",
                        "consent4j.ledger.path=" + dir.resolve("ledger"),
                        "consent4j.policy.version=3",
                        "consent4j.policy.default-locale=de",
                        "consent4j.policy.links.privacy-policy=/datenschutz",
                        "consent4j.policy.links.imprint=/impressum",
                        "consent4j.policy.categories[0].id=necessary",
                        "consent4j.policy.categories[0].required=true",
                        "consent4j.policy.categories[0].description.de=Für die Anmeldung erforderlich.",
                        "consent4j.policy.categories[1].id=analytics",
                        "consent4j.policy.categories[1].google-consent-mode=analytics_storage",
                        "consent4j.policy.services[0].id=matomo",
                        "consent4j.policy.services[0].category=analytics",
                        "consent4j.policy.services[0].provider=Lernplattform GmbH",
                        "consent4j.policy.services[0].purpose.de=Reichweitenmessung.",
                        "consent4j.policy.services[0].cookies[0].name=_pk_id.*",
                        "consent4j.policy.services[0].cookies[0].lifetime=P13M")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ConsentPolicy policy = context.getBean(ConsentPolicy.class);
                    assertThat(policy.version()).isEqualTo(3);
                    assertThat(policy.requiredCategoryIds()).containsExactly("necessary");
                    assertThat(policy.service("matomo")).isPresent();
                    assertThat(policy.googleConsentModeEnabled()).isTrue();
                });
    }

    @Test
    void failsWithWhereToPutThePolicyWhenThereIsNone() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConsentAutoConfiguration.class))
                .withPropertyValues("consent4j.dev-mode=true", "consent4j.ledger.path=" + dir.resolve("ledger"))
                .run(context ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining("consent4j.policy.location"));
    }

    @Test
    void failsNamingAMissingPolicyLocation() {
        devRunner()
                .withPropertyValues("consent4j.policy.location=classpath:nowhere.json")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("consent4j.policy.location")
                        .hasMessageContaining("nowhere.json"));
    }

    @Test
    void aStrictPolicyStopsTheStartOnATextMissingInOneOfItsLanguages_C11() throws Exception {
        Path policy = dir.resolve("half-translated.json");
        Files.writeString(policy, """
                { "defaultLocale": "de",
                  "links": { "privacyPolicy": "/datenschutz", "imprint": "/impressum" },
                  "categories": [
                    { "id": "necessary", "required": true, "label": { "de": "Notwendig", "en": "Necessary" } },
                    { "id": "analytics", "label": { "de": "Analyse", "en": "Analytics" } } ],
                  "services": [ { "id": "matomo", "category": "analytics", "provider": { "de": "Lernplattform", "en": "Learning platform" },
                                  "purpose": { "de": "Reichweitenmessung" } } ] }
                """);

        devRunner()
                .withPropertyValues("consent4j.policy.location=" + policy)
                .run(context -> assertThat(context).hasNotFailed());
        devRunner()
                .withPropertyValues("consent4j.policy.location=" + policy, "consent4j.policy.strict=true")
                .run(context ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining("services[0].purpose.en"));
    }

    @Test
    void rejectsAnEndpointPathThatIsNotAPath() {
        devRunner()
                .withPropertyValues("consent4j.endpoint.path=consent/")
                .run(context ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining("consent4j.endpoint.path"));
    }

    @Test
    void rejectsAnUnknownSchemaInitializationModeNamingTheProperty() {
        devRunner()
                .withPropertyValues("consent4j.ledger.initialize-schema=sometimes")
                .run(context ->
                        assertThat(context).getFailure().hasStackTraceContaining("consent4j.ledger.initialize-schema"));
    }

    @Test
    void validatesThePropertiesEvenWhenTheApplicationDefinesItsOwnBeans() {
        devRunner()
                .withUserConfiguration(OwnBeans.class)
                .withPropertyValues("consent4j.audit.path=/consent")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("consent4j.audit.path")
                        .hasMessageContaining("must differ from consent4j.endpoint.path"));
    }

    @Test
    void rejectsARetentionShorterThanTheLongestConsent() {
        devRunner()
                .withPropertyValues("consent4j.ledger.retention=30d")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("13 months"));
    }

    @Test
    void bindsDurationsAndEnums() {
        devRunner()
                .withPropertyValues(
                        "consent4j.ledger.retention=1200d",
                        "consent4j.ledger.initialize-schema=never",
                        "consent4j.endpoint.rate-limit.window=30s",
                        "consent4j.cookie.undeclared=drop")
                .run(context -> {
                    ConsentProperties properties = context.getBean(ConsentProperties.class);
                    assertThat(properties.getLedger().getRetention()).hasDays(1200);
                    assertThat(properties.getLedger().getInitializeSchema())
                            .isEqualTo(ConsentSettings.SchemaInitialization.NEVER);
                    assertThat(properties.getEndpoint().getRateLimit().getWindow())
                            .hasSeconds(30);
                    assertThat(properties.getCookie().getUndeclared())
                            .isEqualTo(io.consent4j.servlet.UndeclaredCookies.DROP);
                });
    }

    @Test
    void usesTheApplicationsDataSourceAndCreatesTheSchemaInAnEmbeddedDatabase() {
        devRunner()
                .withConfiguration(AutoConfigurations.of(
                        org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ConsentLedger ledger = context.getBean(ConsentLedger.class);
                    assertThat(context).hasSingleBean(javax.sql.DataSource.class);
                    assertThat(ledger.verify().ok()).isTrue();
                    assertThat(Files.exists(dir.resolve("ledger.mv.db"))).isFalse();
                });
    }

    @Test
    void failsSayingWhatToAddWithoutDataSourceAndWithoutH2() {
        devRunner()
                .withClassLoader(new FilteredClassLoader("org.h2"))
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("spring-boot-starter-jdbc")
                        .hasMessageContaining("com.h2database:h2"));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnBeans() {
        devRunner().withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBean(ConsentLedger.class).isSameAs(context.getBean("ownLedger"));
            assertThat(context).getBean(ConsentPolicy.class).isSameAs(context.getBean("ownPolicy"));
            assertThat(context).doesNotHaveBean(RetentionJob.class);
            assertThat(Files.exists(dir.resolve("ledger.mv.db"))).isFalse();
        });
    }

    @Test
    void appliesPolicyAndLedgerCustomizers() {
        devRunner().withUserConfiguration(Customizers.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ConsentPolicy.class).version()).isEqualTo(7);
            assertThat(context.getBean(ConsentLedger.class).chainId()).isEqualTo("node-a");
        });
    }

    @Test
    void theLedgerStorePropertyWinsOverTheApplicationsDataSource() {
        devRunner()
                .withConfiguration(AutoConfigurations.of(
                        org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration.class))
                .withPropertyValues("consent4j.ledger.store=memory")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBean(ConsentLedger.class).isInstanceOf(InMemoryConsentLedger.class);
                });
        devRunner()
                .withPropertyValues("consent4j.ledger.store=jndi")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("consent4j.ledger.store=jndi needs consent4j.ledger.jndi-name"));
    }

    @Test
    void theParentalLinkLifetimeComesFromItsProperty_C28() {
        devRunner().withPropertyValues("consent4j.parental.link-lifetime=2d").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ConsentSettings.class).parentalLinkLifetime())
                    .isEqualTo(Duration.ofDays(2));
        });
        devRunner()
                .withPropertyValues("consent4j.parental.link-lifetime=90d")
                .run(context ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining("parentalLinkLifetime"));
    }

    @Test
    void startsTheRetentionJobThroughTheSettingsAndOnTheirClock_C26() {
        ManualRetention retention = new ManualRetention();
        devRunner()
                .withBean(ConsentSettingsCustomizer.class, () -> settings -> settings.retentionScheduler(retention))
                .withPropertyValues("consent4j.ledger.retention-interval=6h")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(retention.started()).isTrue();
                    assertThat(retention.interval()).hasHours(6);
                    assertThat(context.getBean(RetentionJob.class))
                            .isSameAs(context.getBean(ConsentAssembly.class)
                                    .retentionJob()
                                    .orElseThrow());
                });
        assertThat(retention.started()).as("closing the context stops the job").isFalse();
    }

    @Test
    void aRetentionJobOfTheApplicationsOwnKeepsTheAssemblysFromStarting() {
        ManualRetention retention = new ManualRetention();
        devRunner()
                .withBean(ConsentSettingsCustomizer.class, () -> settings -> settings.retentionScheduler(retention))
                .withUserConfiguration(OwnRetentionJob.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBean(RetentionJob.class).isSameAs(context.getBean("ownRetentionJob"));
                    assertThat(retention.started()).isFalse();
                });
    }

    @Test
    void settingsCustomizersComeAfterTheProperties() {
        devRunner()
                .withPropertyValues("consent4j.cookie.name=from-properties")
                .withBean(ConsentSettingsCustomizer.class, () -> settings -> settings.cookieName("from-code"))
                .run(context -> assertThat(
                                context.getBean(ConsentSettings.class).cookieName())
                        .isEqualTo("from-code"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        @Bean
        ConsentPolicy ownPolicy() {
            return ConsentPolicy.builder()
                    .links(PolicyLinks.of("/privacy", "/imprint"))
                    .category(Category.builder("necessary")
                            .required(true)
                            .description("en", "Needed.")
                            .build())
                    .build();
        }

        @Bean
        ConsentLedger ownLedger(ReceiptSigner signer) {
            return new InMemoryConsentLedger(LedgerSettings.builder(signer).build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        ConsentPolicyCustomizer version7() {
            return policy -> policy.toBuilder().version(7).build();
        }

        @Bean
        ConsentLedgerCustomizer chain() {
            return settings -> settings.chainId("node-a");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRetentionJob {
        @Bean
        RetentionJob ownRetentionJob(ConsentLedger ledger) {
            return new RetentionJob((PurgeableConsentLedger) ledger, RetentionJob.DEFAULT_RETENTION, Clock.systemUTC());
        }
    }
}
