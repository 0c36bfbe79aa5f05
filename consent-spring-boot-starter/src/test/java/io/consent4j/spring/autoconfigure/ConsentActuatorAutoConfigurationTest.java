/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ConsentManager;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ConsentActuatorAutoConfigurationTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(ConsentAutoConfiguration.class, ConsentActuatorAutoConfiguration.class))
                .withPropertyValues(
                        "consent4j.dev-mode=true",
                        "consent4j.policy.location=classpath:consent-policy.json",
                        "consent4j.ledger.path=" + dir.resolve("ledger"),
                        "management.endpoints.web.exposure.include=health,consent");
    }

    @Test
    void offersTheConsentEndpointWithStatisticsAndChainVerification() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            ConsentActuatorEndpoint endpoint = context.getBean(ConsentActuatorEndpoint.class);
            Map<String, Object> statistics = endpoint.statistics();
            assertThat(statistics)
                    .containsEntry(
                            "policyVersion",
                            context.getBean(ConsentManager.class).policy().version())
                    .containsKey("events");
            assertThat(endpoint.verification("verify")).containsEntry("ok", true);
        });
    }

    @Test
    void reportsTheLedgerAsUp() {
        runner().run(context -> assertThat(context.getBean(ConsentLedgerHealthIndicator.class)
                        .health()
                        .getStatus())
                .isEqualTo(Status.UP));
    }

    @Test
    void leavesTheEndpointOutUnlessItIsExposed() {
        runner().withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).doesNotHaveBean(ConsentActuatorEndpoint.class));
    }

    @Test
    void addsNothingWithoutActuator() {
        runner().withClassLoader(new FilteredClassLoader(Endpoint.class, HealthIndicator.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(ConsentManager.class);
                    assertThat(context).doesNotHaveBean(ConsentActuatorEndpoint.class);
                    assertThat(context).doesNotHaveBean(ConsentLedgerHealthIndicator.class);
                });
    }
}
