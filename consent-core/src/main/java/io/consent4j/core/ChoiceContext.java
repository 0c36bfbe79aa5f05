/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import java.util.Objects;

/**
 * Where and how a choice was made, for its record (C22): the previous consent cookie (so the consent id
 * stays the same), the request's signals, the layer, who acted, and the request facts. The client
 * address is truncated before it is stored; it is never kept whole.
 *
 * @param previousCookie the consent cookie the request carried, or null
 * @param signals the request's signals and age band
 * @param collectionPoint the layer or control
 * @param actor the visitor, or a parent (C28)
 * @param locale the banner language, or null
 * @param path the page path, or null (any query is removed)
 * @param userAgent the user agent, or null
 * @param clientAddress the client address (truncated before storing), or null
 * @param accountRef a keyed hash of the account id, or null
 */
public record ChoiceContext(
        String previousCookie,
        RequestSignals signals,
        CollectionPoint collectionPoint,
        Actor actor,
        String locale,
        String path,
        String userAgent,
        String clientAddress,
        String accountRef) {

    /** Checks the required parts. */
    public ChoiceContext {
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(collectionPoint, "collectionPoint");
        Objects.requireNonNull(actor, "actor");
    }

    /** A context for a choice made through the API, without request facts. */
    public static ChoiceContext api(String previousCookie) {
        return new ChoiceContext(
                previousCookie, RequestSignals.NONE, CollectionPoint.API, Actor.VISITOR, null, null, null, null, null);
    }

    /**
     * This context with consent4j itself as the one who records ({@link CollectionPoint#SYSTEM}, {@link
     * Actor#SYSTEM}) and {@code previousCookie} as the cookie it starts from.
     */
    ChoiceContext bySystem(String previousCookie) {
        return new ChoiceContext(
                previousCookie,
                signals,
                CollectionPoint.SYSTEM,
                Actor.SYSTEM,
                locale,
                path,
                userAgent,
                clientAddress,
                accountRef);
    }
}
