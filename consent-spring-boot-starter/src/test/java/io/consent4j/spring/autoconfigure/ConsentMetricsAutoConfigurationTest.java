/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.RetentionJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class ConsentMetricsAutoConfigurationTest {

    @TempDir
    Path dir;

    private WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ConsentAutoConfiguration.class,
                        ConsentRetentionAutoConfiguration.class,
                        ConsentServletAutoConfiguration.class,
                        ConsentMetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(
                        "consent4j.dev-mode=true",
                        "consent4j.policy.location=classpath:consent-policy.json",
                        "consent4j.ledger.path=" + dir.resolve("ledger"));
    }

    @Test
    void metersTheLedgerAndCountsDecisionsWithMicrometer() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBean(ConsentLedger.class).isInstanceOf(MeteredConsentLedger.class);
            // The metered ledger can still purge, so the retention job runs on it.
            assertThat(context).hasSingleBean(RetentionJob.class);
            assertThat(context).hasBean("consentDecisionMetrics");
            assertThat(context.getBean(MeterRegistry.class)
                            .find(MeteredConsentLedger.APPEND)
                            .timers())
                    .isNotEmpty();
        });
    }

    @Test
    void leavesTheLedgerAloneWithoutMicrometer() {
        runner().withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
            assertThat(context).getBean(ConsentLedger.class).isNotInstanceOf(MeteredConsentLedger.class);
            assertThat(context).doesNotHaveBean("consentDecisionMetrics");
        });
    }
}
