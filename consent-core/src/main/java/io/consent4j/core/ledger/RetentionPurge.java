/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.policy.ConsentPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ledger's retention purge (C26), through the ledger's storage primitives: anchors every chain at its
 * last record before the cutoff, records the purge naming those anchors, then deletes the records
 * through them. Its caller runs one purge at a time per ledger.
 */
final class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private RetentionPurge() {}

    /**
     * Removes the records of {@code ledger} before {@code cutoff} and returns the purge record, recorded
     * under {@code policy}; empty when no record is that old. See {@link PurgeableConsentLedger#purgeBefore}.
     */
    static Optional<ConsentRecord> run(AbstractConsentLedger ledger, Instant cutoff, ConsentPolicy policy) {
        if (policy == null) {
            throw new IllegalStateException(
                    "archive the current policy before purging, so the purge record can name it");
        }
        List<ChainAnchor> anchors = new ArrayList<>();
        for (String chain : ledger.selectChainIds()) {
            ledger.lastRecordBefore(chain, cutoff)
                    .ifPresent(last -> anchors.add(new ChainAnchor(chain, last.sequence(), last.hash())));
        }
        if (anchors.isEmpty()) {
            return Optional.empty();
        }
        RecordContent.Builder draft = RecordContent.builder(policy, ConsentEvent.PURGE)
                .actor(Actor.SYSTEM)
                .method(ConsentMethod.RETENTION)
                .collectionPoint(CollectionPoint.SYSTEM)
                .detail("cutoff", RecordJson.formatTime(cutoff));
        anchors.forEach(a -> draft.detail(a.detailKey(), a.detailValue()));
        // The anchors of chains this purge removes nothing from are named again: this purge may remove the
        // purge record that named them, and an export of a range confirms anchors by the newest one alone.
        Set<String> purged = new HashSet<>();
        anchors.forEach(a -> purged.add(a.chainId()));
        for (ChainAnchor kept : ledger.loadAnchors()) {
            if (!purged.contains(kept.chainId())) {
                draft.detail(kept.detailKey(), kept.detailValue());
            }
        }
        ConsentRecord purge = ledger.append(draft.build());
        long deleted = ledger.deleteThrough(anchors);
        log.info("Retention purge removed {} consent records older than {}", deleted, cutoff);
        return Optional.of(purge);
    }
}
