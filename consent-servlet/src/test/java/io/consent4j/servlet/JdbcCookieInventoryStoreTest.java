/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The cookie inventory's table on H2 and on a real PostgreSQL: created by the ledger's schema, read back
 * after a restart, and two nodes on one database adding their sightings up.
 */
class JdbcCookieInventoryStoreTest {

    @Test
    void keepsAndAddsUpTheInventoryOnH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:cookie-inventory-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        twoNodesAddUp(h2, JdbcDialect.H2);
    }

    @Test
    void keepsAndAddsUpTheInventoryOnPostgreSql() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            twoNodesAddUp(postgres.getPostgresDatabase(), JdbcDialect.POSTGRESQL);
        }
    }

    private static void twoNodesAddUp(DataSource dataSource, JdbcDialect dialect) {
        try (JdbcConsentLedger ledger = new JdbcConsentLedger(
                dataSource, LedgerSettings.builder(Site.SIGNER).build(), dialect)) {
            ledger.initializeSchema();
        }
        JdbcCookieInventoryStore store = new JdbcCookieInventoryStore(dataSource);
        Site.MutableClock clock = new Site.MutableClock(Fixtures.NOW);

        CookieInventory first = CookieInventory.storedWithoutSchedule(clock, store);
        first.saw("_ga", "/a");
        first.saw("_ga", "/a");
        first.flush();
        clock.advance(Duration.ofHours(1));
        CookieInventory second = CookieInventory.storedWithoutSchedule(clock, store);
        second.saw("_ga", "/b");
        second.saw("tracker_uid", "/b");
        first.saw("_ga", "/c");
        second.close();
        first.close();

        List<SeenCookie> kept =
                CookieInventory.storedWithoutSchedule(clock, store).snapshot();
        assertThat(kept).extracting(SeenCookie::name).containsExactlyInAnyOrder("_ga", "tracker_uid");
        SeenCookie ga = kept.stream()
                .filter(seen -> seen.name().equals("_ga"))
                .findFirst()
                .orElseThrow();
        assertThat(ga.count()).isEqualTo(4);
        assertThat(ga.firstSeen()).isEqualTo(Fixtures.NOW);
        assertThat(ga.lastSeen()).isEqualTo(Fixtures.NOW.plus(Duration.ofHours(1)));
        assertThat(ga.likelyCategory()).isEqualTo(LikelyCategory.ANALYTICS);
        // The node that wrote last: what it read at start (/a) and saw itself (/c).
        assertThat(ga.paths()).containsExactly("/a", "/c");
    }
}
