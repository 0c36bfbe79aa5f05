/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.token.ConsentId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One event in the consent ledger, the proof of a choice (C21, C22). Records are append-only and form
 * one hash chain per writer: {@code hash} is the SHA-256 of {@code previousHash}, a newline and the
 * record's canonical JSON (see {@link RecordJson}), so that any change, removal, insertion or reordering
 * shows when the chain is verified (C24).
 *
 * @param id a random id of this record
 * @param chainId the chain (one per writing process or node)
 * @param sequence the position in the chain, from 1
 * @param recordedAt the server's UTC time, millisecond precision
 * @param consentId the visitor's pseudonymous consent id; null for records that concern no visitor (purge)
 * @param accountRef the keyed hash of the site's account id (see {@link AccountReferences}), or null
 * @param actor who acted
 * @param event what happened
 * @param method how
 * @param collectionPoint where: which layer or control
 * @param categories every category of the policy with its state, granted or denied
 * @param services every service of the policy with its state
 * @param policyVersion the version of the policy shown
 * @param policyHash the content hash of the policy shown, resolvable in the ledger's policy archive
 * @param locale the language the banner was shown in, or null
 * @param path the page's path without query string, or null
 * @param userAgent the browser's user agent (at most 512 characters), or null
 * @param ipPrefix the client address truncated to /24 or /48 (C23), or null
 * @param signals the signals present: {@code gpc}, {@code dnt}
 * @param details extra facts of some events, such as what a purge removed; usually empty
 * @param previousHash the hash of the record before it in the chain; 64 zeros for the first
 * @param hash this record's hash
 */
public record ConsentRecord(
        String id,
        String chainId,
        long sequence,
        Instant recordedAt,
        ConsentId consentId,
        String accountRef,
        Actor actor,
        ConsentEvent event,
        ConsentMethod method,
        CollectionPoint collectionPoint,
        Map<String, Boolean> categories,
        Map<String, Boolean> services,
        int policyVersion,
        String policyHash,
        String locale,
        String path,
        String userAgent,
        String ipPrefix,
        Set<String> signals,
        Map<String, String> details,
        String previousHash,
        String hash) {

    /** The previous hash of a chain's first record. */
    public static final String GENESIS_HASH = "0".repeat(64);

    /** Checks required fields and copies the collections so that the record is immutable. */
    public ConsentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chainId, "chainId");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(collectionPoint, "collectionPoint");
        categories = Collections.unmodifiableMap(new TreeMap<>(categories));
        services = Collections.unmodifiableMap(new TreeMap<>(services));
        signals = Collections.unmodifiableSet(new TreeSet<>(signals));
        details = Collections.unmodifiableMap(new TreeMap<>(details == null ? Map.of() : details));
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The categories granted. */
    public Set<String> grantedCategories() {
        return granted(categories);
    }

    /** The services granted. */
    public Set<String> grantedServices() {
        return granted(services);
    }

    private static Set<String> granted(Map<String, Boolean> states) {
        Set<String> granted = new TreeSet<>();
        states.forEach((id, on) -> {
            if (on) {
                granted.add(id);
            }
        });
        return Collections.unmodifiableSet(granted);
    }
}
