/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.servlet.ConsentSettings;
import org.junit.jupiter.api.Test;

/**
 * A Spring Boot site that sets nothing gets what a plain servlet site that sets nothing gets: the
 * defaults of {@link ConsentProperties} are those of {@link ConsentSettings}, so that no name means one
 * thing in Boot and another in a servlet container.
 */
class ConsentPropertiesTest {

    @Test
    void theDefaultsOfThePropertiesAreTheDefaultsOfTheSettings() {
        ConsentSettings boot = ConsentAutoConfiguration.settings(
                        new ConsentProperties(), getClass().getClassLoader())
                .build();
        ConsentSettings servlet = ConsentSettings.builder().build();

        assertThat(boot.devMode()).isEqualTo(servlet.devMode());
        assertThat(boot.policyLocation()).isEqualTo(servlet.policyLocation());
        assertThat(boot.cookieKeys()).isEqualTo(servlet.cookieKeys());
        assertThat(boot.cookieName()).isEqualTo(servlet.cookieName());
        assertThat(boot.secureCookie()).isEqualTo(servlet.secureCookie());
        assertThat(boot.undeclaredCookies()).isEqualTo(servlet.undeclaredCookies());
        assertThat(boot.receiptKey()).isEqualTo(servlet.receiptKey());
        assertThat(boot.receiptKeyId()).isEqualTo(servlet.receiptKeyId());
        assertThat(boot.ledgerStore()).isEqualTo(servlet.ledgerStore());
        assertThat(boot.ledgerPath()).isEqualTo(servlet.ledgerPath());
        assertThat(boot.ledgerJndiName()).isEqualTo(servlet.ledgerJndiName());
        assertThat(boot.initializeSchema()).isEqualTo(servlet.initializeSchema());
        assertThat(boot.retention()).isEqualTo(servlet.retention());
        assertThat(boot.retentionInterval()).isEqualTo(servlet.retentionInterval());
        assertThat(boot.filterEnabled()).isEqualTo(servlet.filterEnabled());
        assertThat(boot.filterUrlPatterns()).isEqualTo(servlet.filterUrlPatterns());
        assertThat(boot.endpointPath()).isEqualTo(servlet.endpointPath());
        assertThat(boot.rateLimitPosts()).isEqualTo(servlet.rateLimitPosts());
        assertThat(boot.rateLimitWindow()).isEqualTo(servlet.rateLimitWindow());
        assertThat(boot.auditPath()).isEqualTo(servlet.auditPath());
        assertThat(boot.auditTokenHashes()).isEqualTo(servlet.auditTokenHashes());
        assertThat(boot.auditMaxRange()).isEqualTo(servlet.auditMaxRange());
        assertThat(boot.cspNonceAttribute()).isEqualTo(servlet.cspNonceAttribute());
        assertThat(boot.assetsPath())
                .as("the banner assets jar and the servlet jar are of one version")
                .isEqualTo(servlet.assetsPath());
    }
}
