/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Keeps the {@link CookieInventory} in the table {@code consent_cookie_seen} of the ledger's database,
 * which the ledger's schema script creates with its own tables (H2, PostgreSQL, MySQL/MariaDB). Each save
 * is one transaction: a stored row gets the new sightings added to its count, so that nodes sharing the
 * database add up; a missing one is inserted. Should two nodes insert the same name at once, the loser's
 * transaction fails and its changes are written on the next save.
 */
final class JdbcCookieInventoryStore implements CookieInventoryStore {

    private static final String SELECT = "SELECT cookie_name, likely_category, first_seen, last_seen, seen_count,"
            + " paths FROM consent_cookie_seen ORDER BY last_seen DESC";
    private static final String UPDATE = "UPDATE consent_cookie_seen SET likely_category = ?,"
            + " seen_count = seen_count + ?,"
            + " first_seen = CASE WHEN first_seen > ? THEN ? ELSE first_seen END,"
            + " last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END,"
            + " paths = ? WHERE cookie_name = ?";
    private static final String INSERT = "INSERT INTO consent_cookie_seen (cookie_name, likely_category,"
            + " first_seen, last_seen, seen_count, paths) VALUES (?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    JdbcCookieInventoryStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<SeenCookie> load(int max) {
        List<SeenCookie> list = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setMaxRows(max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next() && list.size() < max) {
                    String paths = rows.getString(6);
                    list.add(new SeenCookie(
                            rows.getString(1),
                            LikelyCategory.ofJsonName(rows.getString(2)),
                            Instant.ofEpochMilli(rows.getLong(3)),
                            Instant.ofEpochMilli(rows.getLong(4)),
                            rows.getLong(5),
                            paths == null || paths.isEmpty() ? List.of() : Arrays.asList(paths.split("\n")),
                            false));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the table consent_cookie_seen: " + e.getMessage(), e);
        }
        return list;
    }

    @Override
    public void save(List<Change> changes) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(UPDATE);
                    PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Change change : changes) {
                    if (!update(update, change)) {
                        insert(insert, change);
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the table consent_cookie_seen: " + e.getMessage(), e);
        }
    }

    private static boolean update(PreparedStatement update, Change change) throws SQLException {
        SeenCookie seen = change.seen();
        update.setString(1, seen.likelyCategory().jsonName());
        update.setLong(2, change.newSightings());
        update.setLong(3, seen.firstSeen().toEpochMilli());
        update.setLong(4, seen.firstSeen().toEpochMilli());
        update.setLong(5, seen.lastSeen().toEpochMilli());
        update.setLong(6, seen.lastSeen().toEpochMilli());
        update.setString(7, String.join("\n", seen.paths()));
        update.setString(8, seen.name());
        return update.executeUpdate() > 0;
    }

    private static void insert(PreparedStatement insert, Change change) throws SQLException {
        SeenCookie seen = change.seen();
        insert.setString(1, seen.name());
        insert.setString(2, seen.likelyCategory().jsonName());
        insert.setLong(3, seen.firstSeen().toEpochMilli());
        insert.setLong(4, seen.lastSeen().toEpochMilli());
        // A row that is new here counts every sighting this node has, the ones it loaded included.
        insert.setLong(5, seen.count());
        insert.setString(6, String.join("\n", seen.paths()));
        insert.executeUpdate();
    }
}
