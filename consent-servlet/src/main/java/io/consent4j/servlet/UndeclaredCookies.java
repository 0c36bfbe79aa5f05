/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

/**
 * What the {@link ConsentFilter} does with a cookie the application sets but the policy does not
 * declare under any service. The consent cookie and the container's session cookie are never
 * "undeclared": they always count as necessary.
 */
public enum UndeclaredCookies {
    /**
     * Let the cookie through and log one SLF4J warning per cookie name, so that the site can declare
     * it. The default, because a cookie the policy does not know of cannot be attributed to a purpose.
     */
    WARN,
    /**
     * Drop the cookie (strict mode), and log one warning per cookie name. Use it once the policy is
     * complete, so that a newly added cookie cannot slip through without consent.
     */
    DROP
}
