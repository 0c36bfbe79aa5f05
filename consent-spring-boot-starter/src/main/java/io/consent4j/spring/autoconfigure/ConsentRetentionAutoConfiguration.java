/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ledger.PurgeableConsentLedger;
import io.consent4j.core.ledger.RetentionJob;
import io.consent4j.servlet.ConsentAssembly;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Starts the {@link ConsentAssembly}'s {@link RetentionJob} (C26) when the ledger can purge: it purges
 * records older than {@code consent4j.ledger.retention} every {@code consent4j.ledger.retention-interval}
 * and stops when the assembly closes. An application that defines its own {@link RetentionJob} bean runs
 * that one instead; the assembly's then never starts.
 */
@AutoConfiguration(after = ConsentAutoConfiguration.class)
@ConditionalOnBean({PurgeableConsentLedger.class, ConsentAssembly.class})
public class ConsentRetentionAutoConfiguration {

    // The assembly stops the job when it closes; the job's own close() would do no more.
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    RetentionJob consentRetentionJob(ConsentAssembly assembly) {
        return assembly.start()
                .retentionJob()
                .orElseThrow(() -> new IllegalStateException("consent4j: the ConsentManager's ledger cannot purge,"
                        + " so no retention job can enforce consent4j.ledger.retention; define a RetentionJob bean"
                        + " on a ledger that can"));
    }
}
