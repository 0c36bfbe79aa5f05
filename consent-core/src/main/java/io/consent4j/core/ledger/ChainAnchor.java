/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.util.Objects;

/**
 * Where a chain starts after the retention purge removed its oldest records (C26): the sequence
 * number and hash of the last removed record. The first remaining record must follow it. The purge
 * record that removed them names the same anchor, so an anchor cannot be made up.
 *
 * @param chainId the chain
 * @param sequence the last removed sequence number
 * @param hash the last removed record's hash
 */
public record ChainAnchor(String chainId, long sequence, String hash) {

    /** Checks that every part is present. */
    public ChainAnchor {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(hash, "hash");
    }

    /** The purge record's detail key naming this anchor's chain. */
    String detailKey() {
        return "anchor." + chainId;
    }

    /** The purge record's detail value: {@code seq:hash}. */
    String detailValue() {
        return sequence + ":" + hash;
    }
}
