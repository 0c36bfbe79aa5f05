/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain servlet app on the embedded H2 file ledger: choices survive a restart (C21). */
class PlainServletH2LedgerIT {

    @TempDir
    Path dir;

    @Test
    void choicesRecordedInTheH2FileSurviveARestart_C21() throws Exception {
        Path ledger = dir.resolve("consent-ledger");
        HttpResponse<String> posted;
        try (PlainServletSite first = PlainServletSite.start(PlainServletSite.h2(ledger))) {
            posted = first.acceptAll();
        }
        assertThat(posted.statusCode()).isEqualTo(200);

        try (PlainServletSite second = PlainServletSite.start(PlainServletSite.h2(ledger))) {
            assertThat(second.manager().ledger().verify().records()).isEqualTo(1);
            assertThat(second.manager().ledger().verify().ok()).isTrue();
        }
    }
}
