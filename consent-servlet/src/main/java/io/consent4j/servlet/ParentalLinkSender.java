/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The site's hook that sends a parental-consent link to a parent (C28), for example to an e-mail address
 * the site already has for a signed-in pupil's parent. consent4j never learns the address: the link
 * carries only the child's pseudonymous consent id, and the hook decides where it goes. Without a hook
 * (the default) the child's banner shows the link for the child to copy and pass on.
 *
 * <p>Called on the request thread of the child's {@code POST PATH/parent-link}; keep it quick (queue the
 * mail). An exception is logged and the link is shown to the child instead.
 */
@FunctionalInterface
public interface ParentalLinkSender {

    /**
     * Sends {@code link} (an absolute URL) for the child who sent {@code request}.
     *
     * @return whether the link was sent; false shows it to the child to pass on
     */
    boolean send(HttpServletRequest request, String link);
}
