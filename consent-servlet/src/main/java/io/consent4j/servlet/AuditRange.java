/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.LedgerExport;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The time range of an auditor request, from its {@code from} and {@code to} query parameters: ISO-8601
 * instants or dates, a date in {@code from} meaning its start and in {@code to} its end (UTC). A missing or
 * malformed time, one outside the years ledgers hold, {@code from} after {@code to}, a range longer than
 * the maximum or a query that is not percent-encoded UTF-8 is a {@link Problem} 400.
 *
 * @param from the first instant, included
 * @param to the end, excluded
 */
record AuditRange(Instant from, Instant to) {

    AuditRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** The range {@code request} asks for, at most {@code maxRange} long. */
    static AuditRange of(HttpServletRequest request, Duration maxRange) {
        Instant from = time(request, "from", false);
        Instant to = time(request, "to", true);
        if (from.isAfter(to)) {
            throw Problem.badRequest("bad-range", "'from' (" + from + ") is after 'to' (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(maxRange) > 0) {
            throw Problem.badRequest(
                    "bad-range", "the range is longer than " + maxRange.toDays() + " days; export it in parts");
        }
        return new AuditRange(from, to);
    }

    private static Instant time(HttpServletRequest request, String name, boolean end) {
        String text = parameter(request, name);
        if (text == null || text.isBlank()) {
            throw Problem.badRequest(
                    "bad-time",
                    "'" + name + "' is required: an ISO-8601 instant such as 2026-03-01T00:00:00Z or a date");
        }
        String value = text.strip();
        Instant time;
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                time = (end ? date.plusDays(1) : date)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } else {
                time = OffsetDateTime.parse(value).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(
                    "bad-time",
                    "'" + name + "' is not an ISO-8601 instant or date: '" + QuotedInput.abbreviate(value) + "'");
        }
        // No store holds times outside these (the JDBC store would quietly clamp them), so none is an answer.
        if (time.isBefore(LedgerExport.EARLIEST) || time.isAfter(LedgerExport.LATEST)) {
            throw Problem.badRequest(
                    "bad-time",
                    "'" + name + "' (" + QuotedInput.abbreviate(value) + ") lies outside the times a ledger holds,"
                            + " from " + LedgerExport.EARLIEST + " to " + LedgerExport.LATEST);
        }
        return time;
    }

    /**
     * The query parameter {@code name}, or null.
     *
     * @throws Problem 400 when the container cannot read the query: Jetty, for one, throws when it is not
     *     percent-encoded UTF-8
     */
    static String parameter(HttpServletRequest request, String name) {
        try {
            return request.getParameter(name);
        } catch (RuntimeException e) {
            throw Problem.badRequest("bad-query", "the query string is not percent-encoded UTF-8");
        }
    }
}
