/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ConsentManager;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With Spring Boot Actuator, the {@code consent} endpoint and the ledger's health indicator. */
@AutoConfiguration(after = ConsentAutoConfiguration.class)
@ConditionalOnBean(ConsentManager.class)
public class ConsentActuatorAutoConfiguration {

    /** The {@code consent} endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnAvailableEndpoint(ConsentActuatorEndpoint.class)
    static class EndpointConfiguration {
        @Bean
        @ConditionalOnMissingBean
        ConsentActuatorEndpoint consentActuatorEndpoint(ConsentManager manager) {
            return new ConsentActuatorEndpoint(manager, Clock.systemUTC());
        }
    }

    /** The health indicator {@code consentLedger}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
    @ConditionalOnEnabledHealthIndicator("consentLedger")
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "consentLedgerHealthIndicator")
        ConsentLedgerHealthIndicator consentLedgerHealthIndicator(ConsentManager manager) {
            return new ConsentLedgerHealthIndicator(manager.ledger(), Clock.systemUTC());
        }
    }
}
