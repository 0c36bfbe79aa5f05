/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.time.Instant;

/**
 * A ledger that can enforce a retention period (C26): it removes the records older than a cutoff,
 * leaves an anchor per chain so that verification still passes, and records the purge itself.
 */
public interface PurgeableConsentLedger extends ConsentLedger {

    /**
     * Removes every record with a time before {@code cutoff}, after appending a purge record that names
     * the anchors it leaves.
     *
     * @return the purge record, or empty when nothing was old enough
     */
    java.util.Optional<ConsentRecord> purgeBefore(Instant cutoff);
}
