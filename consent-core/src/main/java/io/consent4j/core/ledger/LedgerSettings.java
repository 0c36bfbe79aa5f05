/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.signing.ReceiptSigner;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a ledger writes: its chain id, clock, the key that signs checkpoints, how often it checkpoints,
 * how many appends one transaction may hold and how long an append may take. Build with
 * {@link #builder(ReceiptSigner)}.
 *
 * @param chainId the chain this writer appends to; unique per writing process or node
 * @param clock the clock that stamps records
 * @param signer the Ed25519 key that signs checkpoints
 * @param checkpointEvery a checkpoint after this many records
 * @param checkpointInterval a checkpoint after this much time with new records
 * @param maxBatch the most appends committed in one transaction
 * @param appendTimeout the longest an append waits for its record to be stored before it fails
 * @param maxGroupWait the longest the writer waits for more appends to commit with those waiting, while
 *     appends come in numbers; zero never waits
 */
public record LedgerSettings(
        String chainId,
        Clock clock,
        ReceiptSigner signer,
        int checkpointEvery,
        Duration checkpointInterval,
        int maxBatch,
        Duration appendTimeout,
        Duration maxGroupWait) {

    /** The default of {@link #maxGroupWait()}. */
    public static final Duration DEFAULT_MAX_GROUP_WAIT = Duration.ofMillis(2);

    private static final Duration MAX_GROUP_WAIT_LIMIT = Duration.ofMillis(100);

    private static final Pattern CHAIN_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Validates every setting, naming the bad one. */
    public LedgerSettings {
        if (chainId == null || !CHAIN_ID.matcher(chainId).matches()) {
            throw new IllegalArgumentException(
                    "chainId '" + chainId + "' is invalid: use 1 to 64 letters, digits, '.', '-' or '_'");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(signer, "signer");
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, was " + checkpointEvery);
        }
        if (checkpointInterval == null || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpointInterval must be positive, was " + checkpointInterval);
        }
        if (maxBatch < 1 || maxBatch > 10_000) {
            throw new IllegalArgumentException("maxBatch must be between 1 and 10000, was " + maxBatch);
        }
        if (appendTimeout == null || appendTimeout.isNegative() || appendTimeout.isZero()) {
            throw new IllegalArgumentException("appendTimeout must be positive, was " + appendTimeout);
        }
        if (maxGroupWait == null || maxGroupWait.isNegative() || maxGroupWait.compareTo(MAX_GROUP_WAIT_LIMIT) > 0) {
            throw new IllegalArgumentException("maxGroupWait must be between 0 and " + MAX_GROUP_WAIT_LIMIT.toMillis()
                    + " ms, was " + maxGroupWait);
        }
    }

    /** Settings as before {@code maxGroupWait} existed, with its default. */
    public LedgerSettings(
            String chainId,
            Clock clock,
            ReceiptSigner signer,
            int checkpointEvery,
            Duration checkpointInterval,
            int maxBatch,
            Duration appendTimeout) {
        this(
                chainId,
                clock,
                signer,
                checkpointEvery,
                checkpointInterval,
                maxBatch,
                appendTimeout,
                DEFAULT_MAX_GROUP_WAIT);
    }

    /**
     * Settings with a random chain id, the system clock, a checkpoint every 1000 records or minute, and
     * appends that fail after 10 seconds.
     */
    public static Builder builder(ReceiptSigner signer) {
        return new Builder(signer);
    }

    /** A new random chain id such as {@code c-3f9a0c2b7d41}. */
    public static String randomChainId() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return "c-" + HexFormat.of().formatHex(bytes);
    }

    /** Builds {@link LedgerSettings}. */
    public static final class Builder {
        private final ReceiptSigner signer;
        private String chainId = randomChainId();
        private Clock clock = Clock.systemUTC();
        private int checkpointEvery = 1000;
        private Duration checkpointInterval = Duration.ofMinutes(1);
        private int maxBatch = 512;
        private Duration appendTimeout = Duration.ofSeconds(10);
        private Duration maxGroupWait = DEFAULT_MAX_GROUP_WAIT;

        private Builder(ReceiptSigner signer) {
            this.signer = signer;
        }

        /** The chain id; default random per start. A fixed id continues its chain after a restart. */
        public Builder chainId(String chainId) {
            this.chainId = chainId;
            return this;
        }

        /** The clock; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** A checkpoint after this many records; default 1000. */
        public Builder checkpointEvery(int records) {
            this.checkpointEvery = records;
            return this;
        }

        /** A checkpoint after this much time with new records; default one minute. */
        public Builder checkpointInterval(Duration interval) {
            this.checkpointInterval = interval;
            return this;
        }

        /** The most appends in one transaction; default 512. */
        public Builder maxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
            return this;
        }

        /**
         * The longest an append waits for its record to be stored; default 10 seconds. An append that takes
         * longer, because the database hangs or is far behind, fails with a {@link LedgerException} instead
         * of holding its caller (a visitor's request) for as long as the database takes. Its record may
         * still be stored afterwards: the timeout ends the wait, not the write.
         */
        public Builder appendTimeout(Duration timeout) {
            this.appendTimeout = timeout;
            return this;
        }

        /**
         * The longest the writer waits for more appends to commit together with those waiting; default 2
         * ms, at most 100 ms, zero never waits. A durable commit costs about as much for one record as for
         * dozens, so while appends come in numbers the writer, finding fewer waiting than it committed
         * the last time, waits for as many, at most this long and at most as long as its last commit
         * took. Records are durable before their appends return either way.
         */
        public Builder maxGroupWait(Duration wait) {
            this.maxGroupWait = wait;
            return this;
        }

        /** Builds the settings. */
        public LedgerSettings build() {
            return new LedgerSettings(
                    chainId, clock, signer, checkpointEvery, checkpointInterval, maxBatch, appendTimeout, maxGroupWait);
        }
    }
}
