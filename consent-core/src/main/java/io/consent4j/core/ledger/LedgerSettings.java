/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.receipt.ReceiptSigner;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a ledger writes: its chain id, clock, the key that signs checkpoints, how often it checkpoints
 * and how many appends one transaction may hold. Build with {@link #builder(ReceiptSigner)}.
 *
 * @param chainId the chain this writer appends to; unique per writing process or node
 * @param clock the clock that stamps records
 * @param signer the Ed25519 key that signs checkpoints
 * @param checkpointEvery a checkpoint after this many records
 * @param checkpointInterval a checkpoint after this much time with new records
 * @param maxBatch the most appends committed in one transaction
 */
public record LedgerSettings(
        String chainId,
        Clock clock,
        ReceiptSigner signer,
        int checkpointEvery,
        Duration checkpointInterval,
        int maxBatch) {

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
    }

    /** Settings with a random chain id, the system clock, a checkpoint every 1000 records or minute. */
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

        /** Builds the settings. */
        public LedgerSettings build() {
            return new LedgerSettings(chainId, clock, signer, checkpointEvery, checkpointInterval, maxBatch);
        }
    }
}
