/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The site's hook that tells the {@link ConsentEndpoint} which account a signed-in visitor has, as a
 * keyed account reference ({@link io.consent4j.core.ledger.AccountReferences#of}), so that the records of
 * their choices carry it (C22) and an auditor can find them by it. The raw account id is never stored
 * (C23): the ledger refuses anything but a 64-digit hex reference.
 *
 * <p>Called on the request thread of each choice; implementations must be thread-safe. Returning
 * {@code null} means the visitor is not signed in.
 */
@FunctionalInterface
public interface AccountReferenceResolver {

    /** The keyed reference of the account of the visitor who sent {@code request}, or null. */
    String resolve(HttpServletRequest request);
}
