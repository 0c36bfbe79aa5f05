/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A ledger that can enforce a retention period (C26): it removes the records older than a cutoff,
 * leaves an anchor per chain so that verification still passes, and records the purge itself.
 */
public interface PurgeableConsentLedger extends ConsentLedger {

    /**
     * Removes every record with a time before {@code cutoff}, after appending a purge record that names
     * every anchor in effect after it: the ones it leaves, and those earlier purges left in chains it
     * removes nothing from. So the newest purge record alone confirms every anchor, even once the purge
     * records before it are removed in turn.
     *
     * @return the purge record, or empty when nothing was old enough
     */
    Optional<ConsentRecord> purgeBefore(Instant cutoff);

    /**
     * The anchors the retention purge left, one per chain whose oldest records it removed: the sequence
     * number and hash of the last record removed. Empty when nothing was ever purged. An anchor counts
     * only when a purge record names it; see {@link #latestPurge()}.
     */
    List<ChainAnchor> anchors();

    /**
     * The newest purge record (the latest time), which names every anchor in effect; empty when the
     * ledger was never purged. A store should find it without reading every record: the JDBC store
     * reads back from the newest record to the first purge record, which is near while purges run
     * regularly.
     */
    Optional<ConsentRecord> latestPurge();
}
