/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.decision.ConsentState;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.AccountReferences;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.signing.ReceiptSigner;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One choice across a signed-in visitor's devices, from the account's records (C21, C22). */
class AccountConsentsTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("site");
    private static final String ACCOUNT = new AccountReferences(new byte[32]).of("learner-1");

    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.NOW);
    private final InMemoryConsentLedger ledger = new InMemoryConsentLedger(
            LedgerSettings.builder(SIGNER).chainId("node-a").clock(clock).build());
    private final ConsentManager manager = ConsentManager.builder(Fixtures.policy(), Fixtures.codec(), ledger, SIGNER)
            .clock(clock)
            .build();
    private final AccountConsents accounts = manager.accounts();

    @AfterEach
    void close() {
        ledger.close();
    }

    private static ChoiceContext device(String cookie, String account) {
        return new ChoiceContext(
                cookie,
                RequestSignals.NONE,
                CollectionPoint.FIRST_LAYER,
                Actor.VISITOR,
                "de",
                "/kurse",
                "Test/1.0",
                "192.0.2.7",
                account);
    }

    @Test
    void restoresTheNewestChoiceOnAnotherDeviceAndRecordsTheRestore_C21_C22() {
        ChoiceResult laptop =
                manager.record(ConsentChoice.custom(Set.of("analytics"), Set.of("matomo")), device(null, ACCOUNT));
        clock.advance(Duration.ofMinutes(5));

        ConsentRecord latest = accounts.latestChoice(ACCOUNT).orElseThrow();
        ChoiceResult phone = accounts.restore(latest, device(null, ACCOUNT));

        assertThat(latest).isEqualTo(laptop.record());
        assertThat(phone.consent().id()).isNotEqualTo(laptop.consent().id());
        assertThat(phone.consent().grantedCategories()).containsExactly("analytics");
        assertThat(phone.consent().grantedServices()).contains("matomo").doesNotContain("google-analytics");
        // A restore never makes a consent last longer than the choice it copies.
        assertThat(phone.consent().expiresAt()).isEqualTo(laptop.consent().expiresAt());
        assertThat(phone.decision().state()).isEqualTo(ConsentState.DECIDED);
        ConsentRecord restore = phone.record();
        assertThat(restore.content().event()).isEqualTo(ConsentEvent.GIVEN);
        assertThat(restore.content().method()).isEqualTo(ConsentMethod.ACCOUNT_RESTORE);
        assertThat(restore.content().actor()).isEqualTo(Actor.SYSTEM);
        assertThat(restore.content().collectionPoint()).isEqualTo(CollectionPoint.SYSTEM);
        assertThat(restore.content().accountRef()).isEqualTo(ACCOUNT);
        assertThat(restore.content().details())
                .containsEntry(
                        AccountConsents.SOURCE_DETAIL, laptop.consent().id().toString());
        // The restore is no choice of its own: the laptop's choice stays the newest.
        assertThat(accounts.latestChoice(ACCOUNT)).contains(laptop.record());
        assertThat(accounts.isNewerThan(laptop.record(), phone.consent())).isFalse();
        assertThat(accounts.isNewerThan(laptop.record(), laptop.consent())).isFalse();
    }

    @Test
    void aWithdrawalIsAdoptedFromItsOwnRecordAndNothingIsAppended_C14_C21() {
        ChoiceResult laptop = manager.record(ConsentChoice.acceptAll(), device(null, ACCOUNT));
        ChoiceResult phone = accounts.restore(accounts.latestChoice(ACCOUNT).orElseThrow(), device(null, ACCOUNT));
        clock.advance(Duration.ofMinutes(1));
        manager.record(ConsentChoice.withdraw(), device(laptop.cookieValue(), ACCOUNT));
        long records = ledger.findByAccountRef(ACCOUNT).size();

        ConsentRecord withdrawal = accounts.latestChoice(ACCOUNT).orElseThrow();
        assertThat(AccountConsents.isWithdrawal(withdrawal)).isTrue();
        assertThat(accounts.isNewerThan(withdrawal, phone.consent())).isTrue();
        ChoiceResult adopted = accounts.adopt(withdrawal, RequestSignals.NONE);

        assertThat(adopted.consent().grantedCategories()).isEmpty();
        assertThat(adopted.record()).isEqualTo(withdrawal);
        assertThat(ledger.findByAccountRef(ACCOUNT)).hasSize((int) records);
        assertThat(accounts.isNewerThan(withdrawal, adopted.consent())).isFalse();
        assertThatThrownBy(() -> accounts.restore(withdrawal, device(null, ACCOUNT)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewerChoiceOnOneDeviceIsNewsToTheOther() {
        manager.record(ConsentChoice.rejectAll(), device(null, ACCOUNT));
        ChoiceResult phone = accounts.restore(accounts.latestChoice(ACCOUNT).orElseThrow(), device(null, ACCOUNT));
        clock.advance(Duration.ofMinutes(1));
        ChoiceResult laptop = manager.record(ConsentChoice.acceptAll(), device(null, ACCOUNT));

        assertThat(accounts.isNewerThan(laptop.record(), phone.consent())).isTrue();
        ChoiceResult again = accounts.restore(laptop.record(), device(phone.cookieValue(), ACCOUNT));
        // The phone keeps its consent id; the second restore updates it.
        assertThat(again.consent().id()).isEqualTo(phone.consent().id());
        assertThat(again.record().content().event()).isEqualTo(ConsentEvent.UPDATED);
    }

    @Test
    void findsNothingForAnotherAccountAnEndedChoiceOrSignalsAlone_C18() {
        manager.record(ConsentChoice.acceptAll(), device(null, ACCOUNT));

        assertThat(accounts.latestChoice(new AccountReferences(new byte[32]).of("learner-2")))
                .isEmpty();
        assertThat(accounts.latestChoice(null)).isEmpty();
        ConsentRecord choice = accounts.latestChoice(ACCOUNT).orElseThrow();
        clock.advance(Duration.ofDays(190));
        assertThat(accounts.hasEnded(choice)).isTrue();
        assertThatThrownBy(() -> accounts.restore(choice, device(null, ACCOUNT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ended");
    }

    @Test
    void restoresOnlyForTheAccountThatChose_C23() {
        manager.record(ConsentChoice.acceptAll(), device(null, ACCOUNT));
        ConsentRecord choice = accounts.latestChoice(ACCOUNT).orElseThrow();

        assertThatThrownBy(() ->
                        accounts.restore(choice, device(null, new AccountReferences(new byte[32]).of("learner-2"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.restore(choice, device(null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
