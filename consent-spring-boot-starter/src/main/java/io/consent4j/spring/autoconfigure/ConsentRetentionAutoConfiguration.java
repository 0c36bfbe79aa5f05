/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ledger.PurgeableConsentLedger;
import io.consent4j.core.ledger.RetentionJob;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Runs the {@link RetentionJob} (C26) on the ledger once a day, or every
 * {@code consent.ledger.retention-interval}, when the ledger can purge; the job stops on shutdown.
 */
@AutoConfiguration(after = ConsentAutoConfiguration.class)
@ConditionalOnBean(PurgeableConsentLedger.class)
public class ConsentRetentionAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RetentionJob consentRetentionJob(PurgeableConsentLedger ledger, ConsentProperties properties) {
        try {
            return new RetentionJob(ledger, properties.getLedger().getRetention(), Clock.systemUTC())
                    .start(properties.getLedger().getRetentionInterval());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Invalid consent4j property consent.ledger.retention '"
                            + properties.getLedger().getRetention() + "': " + e.getMessage(),
                    e);
        }
    }
}
