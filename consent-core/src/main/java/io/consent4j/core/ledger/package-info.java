/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The consent ledger: append-only {@link io.consent4j.core.ledger.ConsentRecord}s in per-writer hash
 * chains, the {@link io.consent4j.core.ledger.ConsentLedger} SPI, signed checkpoints, verification,
 * retention, the NDJSON export of a time range ({@link io.consent4j.core.ledger.LedgerExport}), and the
 * in-memory store. {@link io.consent4j.core.ledger.RecordJson} documents the record format and hash
 * exactly, so that auditors can verify records in any language.
 */
package io.consent4j.core.ledger;
