/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import io.consent4j.spring.autoconfigure.ConsentLedgerCustomizer;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * In the {@code bench} profile only: {@code bench.ledger.max-group-wait} (such as {@code 0ms}) sets the
 * ledger's {@link io.consent4j.core.ledger.LedgerSettings#maxGroupWait() maxGroupWait}, so that
 * {@code benchmarks/post-ratio.sh} can measure the ledger with and without gathering groups
 * ({@code GROUP_WAIT=0ms}). Unset, the ledger keeps its default.
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
class BenchLedgerSettings {

    @Bean
    ConsentLedgerCustomizer benchGroupWait(Environment environment) {
        Duration wait = environment.getProperty("bench.ledger.max-group-wait", Duration.class);
        return settings -> {
            if (wait != null) {
                settings.maxGroupWait(wait);
            }
        };
    }
}
