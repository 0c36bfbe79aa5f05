/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ChoiceContext;
import io.consent4j.core.ChoiceResult;
import io.consent4j.core.ConsentChoice;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.servlet.parity.ManualExecutor;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hand-off of implied records: once per consent and signal, bounded, never failing the caller (C19). */
class ImpliedRecordsTest {

    private final InMemoryConsentLedger ledger = new InMemoryConsentLedger(
            LedgerSettings.builder(Site.SIGNER).clock(Fixtures.CLOCK).build());
    private final ConsentManager manager = ConsentManager.builder(Fixtures.POLICY, Fixtures.CODEC, ledger, Site.SIGNER)
            .clock(Fixtures.CLOCK)
            .build();
    private final ChoiceResult given = manager.record(ConsentChoice.acceptAll(), ChoiceContext.api(null));
    private final RequestSignals gpc = RequestSignals.fromHeaders("1", null);

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aSignalQueuedAndNotYetRecordedIsNotQueuedTwice_C19() {
        ManualExecutor executor = new ManualExecutor();
        ImpliedRecords implied = new ImpliedRecords(manager, request -> null, executor);

        implied.offer(page(), given.cookieValue(), gpc, manager.decide(given.cookieValue(), gpc));
        implied.offer(page(), given.cookieValue(), gpc, manager.decide(given.cookieValue(), gpc));

        assertThat(executor.runAll()).isEqualTo(1);
        assertThat(manager.history(given.consent().id()))
                .extracting(r -> r.content().event())
                .containsExactly(ConsentEvent.GIVEN, ConsentEvent.SIGNAL_APPLIED);
    }

    @Test
    void aFullQueueDropsAndCountsWithoutFailingTheCallerAndAnotherViewOffersAgain_C19() {
        ImpliedRecords full = new ImpliedRecords(manager, request -> null, task -> {
            throw new RejectedExecutionException("full");
        });

        full.offer(page(), given.cookieValue(), gpc, manager.decide(given.cookieValue(), gpc));
        full.offer(page(), given.cookieValue(), gpc, manager.decide(given.cookieValue(), gpc));

        assertThat(full.dropped()).isEqualTo(2);
        assertThat(manager.history(given.consent().id())).hasSize(1);
    }

    @Test
    void aBrokenAccountHookFailsNeitherTheCallerNorLaterRequests_C19() {
        ManualExecutor executor = new ManualExecutor();
        ImpliedRecords implied = new ImpliedRecords(
                manager,
                request -> {
                    throw new IllegalStateException("the site's hook is broken");
                },
                executor);

        implied.offer(page(), given.cookieValue(), gpc, manager.decide(given.cookieValue(), gpc));

        assertThat(executor.runAll()).isZero();
    }

    private static HttpServletRequest page() {
        return FakeRequest.parse(
                        "GET /page HTTP/1.1\r\nSec-GPC: 1\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                        "/page",
                        "127.0.0.1")
                .orElseThrow();
    }
}
