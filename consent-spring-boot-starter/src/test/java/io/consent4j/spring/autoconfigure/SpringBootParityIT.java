/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.servlet.parity.ManualExecutor;
import io.consent4j.servlet.parity.ManualRetention;
import io.consent4j.servlet.parity.ParityClock;
import io.consent4j.servlet.parity.ParityScenarios;
import io.consent4j.servlet.parity.ParitySite;
import io.consent4j.spring.autoconfigure.parity.ParityBootSite;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The parity scenarios against a Spring Boot site on its embedded server: the same properties as the
 * plain servlet site's context parameters, under the same names, and the hooks as beans.
 */
@SpringBootTest(
        classes = ParityBootSite.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
class SpringBootParityIT extends ParityScenarios {

    @DynamicPropertySource
    static void consent4j(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    ParityClock clock;

    @Autowired
    ManualRetention retention;

    @Autowired
    ManualExecutor impliedRecords;

    @Override
    protected ParitySite site() {
        return new Site("http://127.0.0.1:" + port, clock, retention, impliedRecords);
    }

    private record Site(String origin, ParityClock clock, ManualRetention retention, ManualExecutor impliedRecords)
            implements ParitySite {
        @Override
        public String auditorAuthorization() {
            return "Basic "
                    + Base64.getEncoder().encodeToString(ParityBootSite.AUDITOR.getBytes(StandardCharsets.UTF_8));
        }
    }
}
