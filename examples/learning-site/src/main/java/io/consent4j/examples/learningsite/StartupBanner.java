/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Logs where the site runs and, with a demo auditor token, a ready curl line for the auditor export. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String host = env.getProperty("server.address", "localhost");
        String base = "http://" + host + ":" + env.getProperty("local.server.port", "8080");
        String auditPath = env.getProperty("consent4j.audit.path", "/consent-audit");
        String preset = env.getProperty("learning-site.preset", "valenumera");
        StringBuilder text = new StringBuilder()
                .append("\n\n  Learning site (preset ")
                .append(preset)
                .append("): ")
                .append(base)
                .append("/\n");
        String token = env.getProperty(DemoAuditorToken.TOKEN_PROPERTY);
        if (token != null) {
            text.append(
                            "  Demo auditor token for this run only (configure consent4j.audit.token-hashes to keep one):\n")
                    .append("    ")
                    .append(token)
                    .append("\n  Export the last 30 days with their verification:\n")
                    .append("    curl -D - -H \"Authorization: Bearer ")
                    .append(token)
                    .append("\" \"")
                    .append(base)
                    .append(auditPath)
                    .append("/export?from=")
                    .append(java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(30))
                    .append("&to=")
                    .append(java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                    .append("\"\n")
                    .append("  Auditor dashboard (any user name, the token as password):\n    ")
                    .append(base)
                    .append(auditPath)
                    .append("/dashboard\n");
        }
        log.info("{}", text);
    }
}
