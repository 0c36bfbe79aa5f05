/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.StoredRecord;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * A JDBC ledger that counts its transactions in the measured windows, to report the rate, the mean
 * group size, the time in the insert and the CPU over all of them.
 */
final class CountingLedger extends JdbcConsentLedger {

    private final LongAdder batches = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final LongAdder insertNanos = new LongAdder();
    private volatile boolean counting;
    private long windowStart;
    private long windowNanos;
    private long appended;
    private long appendNanos;
    private long busyJiffies;
    private long totalJiffies;

    CountingLedger(DataSource dataSource, LedgerSettings settings, JdbcDialect dialect) {
        super(dataSource, settings, dialect);
    }

    @Override
    protected void insert(List<ConsentRecord> batch, List<StoredRecord> stored) {
        long start = System.nanoTime();
        super.insert(batch, stored);
        if (counting) {
            insertNanos.add(System.nanoTime() - start);
            batches.increment();
            records.add(batch.size());
        }
    }

    void startWindow() {
        windowStart = System.nanoTime();
        counting = true;
    }

    void endWindow() {
        counting = false;
        windowNanos += System.nanoTime() - windowStart;
    }

    void addWindow(long appendedInWindow, long elapsedNanos, long busy, long total) {
        appended += appendedInWindow;
        appendNanos += elapsedNanos;
        busyJiffies += busy;
        totalJiffies += total;
    }

    /** Records per second over all measured windows. */
    double rate() {
        return appendNanos == 0 ? Double.NaN : appended / (appendNanos / 1e9);
    }

    /** The share of the measured time that the writer spent in the store's insert. */
    double insertShare() {
        return windowNanos == 0 ? Double.NaN : insertNanos.sum() / (double) windowNanos;
    }

    /** The mean time of one insert (one transaction), in milliseconds. */
    double meanInsertMillis() {
        long n = batches.sum();
        return n == 0 ? 0 : insertNanos.sum() / 1e6 / n;
    }

    double meanBatch() {
        long n = batches.sum();
        return n == 0 ? 0 : (double) records.sum() / n;
    }

    /** How many of the machine's cores were busy on average in the windows (all processes). */
    double busyCores() {
        return totalJiffies <= 0
                ? Double.NaN
                : busyJiffies / (double) totalJiffies * Runtime.getRuntime().availableProcessors();
    }

    /** CPU time of all processes per appended record; jiffies are 1/100 s on Linux. */
    double cpuMicrosPerRecord() {
        return appended == 0 ? Double.NaN : busyJiffies * 10_000.0 / appended;
    }
}
