/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.LedgerInsights.CategoryCount;
import io.consent4j.core.ledger.LedgerInsights.ChoiceCount;
import io.consent4j.core.ledger.LedgerInsights.PolicyUse;
import io.consent4j.core.ledger.LedgerInsights.Tally;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Adds a {@link Tally} to the counter tables inside the caller's transaction: an UPDATE of each counter
 * row, and an INSERT where none exists yet. Plain SQL that every supported database speaks alike, where an
 * upsert is spelled differently in each.
 */
final class InsightsCounters {

    private final JdbcDialect dialect;
    private final Connection connection;

    InsightsCounters(JdbcDialect dialect, Connection connection) {
        this.dialect = dialect;
        this.connection = connection;
    }

    void add(Tally tally) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE consent_stats_choice SET n = n + ?"
                        + " WHERE stat_day = ? AND event = ? AND method = ? AND collection_point = ?"
                        + " AND policy_version = ? AND signal_gpc = ? AND signal_dnt = ? AND parental = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO consent_stats_choice"
                        + " (n, stat_day, event, method, collection_point, policy_version, signal_gpc, signal_dnt,"
                        + " parental) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ChoiceCount c : tally.choices()) {
                for (PreparedStatement s : new PreparedStatement[] {update, insert}) {
                    s.setLong(1, c.count());
                    setDay(s, 2, c.day());
                    s.setString(3, c.event().jsonName());
                    s.setString(4, c.method().jsonName());
                    s.setString(5, c.collectionPoint().jsonName());
                    s.setInt(6, c.policyVersion());
                    s.setInt(7, c.gpc() ? 1 : 0);
                    s.setInt(8, c.dnt() ? 1 : 0);
                    s.setInt(9, c.parental() ? 1 : 0);
                }
                if (update.executeUpdate() == 0) {
                    insert.executeUpdate();
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE consent_stats_category SET choices = choices + ?, granted = granted + ?"
                                + " WHERE stat_day = ? AND category = ? AND policy_version = ? AND collection_point = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO consent_stats_category"
                        + " (choices, granted, stat_day, category, policy_version, collection_point)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (CategoryCount c : tally.categories()) {
                for (PreparedStatement s : new PreparedStatement[] {update, insert}) {
                    s.setLong(1, c.choices());
                    s.setLong(2, c.granted());
                    setDay(s, 3, c.day());
                    s.setString(4, c.category());
                    s.setInt(5, c.policyVersion());
                    s.setString(6, c.collectionPoint().jsonName());
                }
                if (update.executeUpdate() == 0) {
                    insert.executeUpdate();
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE consent_stats_policy SET n = n + ?,"
                        + " first_used = CASE WHEN first_used < ? THEN first_used ELSE ? END WHERE policy_hash = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO consent_stats_policy (n, first_used, policy_hash, policy_version)"
                                + " VALUES (?, ?, ?, ?)")) {
            for (PolicyUse p : tally.policyUses()) {
                update.setLong(1, p.records());
                dialect.setTime(update, 2, p.firstUsed());
                dialect.setTime(update, 3, p.firstUsed());
                update.setString(4, p.policyHash());
                if (update.executeUpdate() == 0) {
                    insert.setLong(1, p.records());
                    dialect.setTime(insert, 2, p.firstUsed());
                    insert.setString(3, p.policyHash());
                    insert.setInt(4, p.version());
                    insert.executeUpdate();
                }
            }
        }
    }

    private void setDay(PreparedStatement statement, int index, LocalDate day) throws SQLException {
        if (dialect == JdbcDialect.MYSQL) {
            statement.setString(index, day.toString());
        } else {
            statement.setObject(index, day);
        }
    }
}
