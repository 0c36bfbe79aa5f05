/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.ConsentState;
import io.consent4j.servlet.CookieCatalog.Owner;
import io.consent4j.servlet.CookieCatalog.Owners;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for one filter, which cookies a response may set (C15) and which cookies a request
 * carries that should be expired after a withdrawal (C14). Holds no per-request state; thread-safe.
 *
 * <p>The consent cookie and the container's session cookie count as necessary without being
 * declared. Cookies the policy does not declare pass or are dropped by the {@link UndeclaredCookies}
 * setting; either way each such name is logged once, with at most {@link #MAX_WARNED_NAMES} names
 * remembered.
 */
final class CookieGate {

    /** The session cookie's name when the container does not say otherwise. */
    static final String DEFAULT_SESSION_COOKIE_NAME = "JSESSIONID";

    /** How many undeclared names are remembered for the once-per-name warning. */
    static final int MAX_WARNED_NAMES = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(ConsentFilter.class);

    /** An HTTP token: the characters a cookie name may have, and nothing a header could be split with. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    private final CookieCatalog catalog;
    private final int policyVersion;
    private final String consentCookieName;
    private final UndeclaredCookies undeclaredCookies;
    private final CookieDropListener dropListener;
    /** Told of every undeclared cookie set; null when the filter keeps no inventory. */
    private final CookieInventory inventory;

    private volatile String sessionCookieName = DEFAULT_SESSION_COOKIE_NAME;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean warnedAboutLimit = new AtomicBoolean();

    CookieGate(
            CookieCatalog catalog, int policyVersion, String consentCookieName, UndeclaredCookies undeclaredCookies) {
        this(catalog, policyVersion, consentCookieName, undeclaredCookies, CookieDropListener.NONE);
    }

    CookieGate(
            CookieCatalog catalog,
            int policyVersion,
            String consentCookieName,
            UndeclaredCookies undeclaredCookies,
            CookieDropListener dropListener) {
        this(catalog, policyVersion, consentCookieName, undeclaredCookies, dropListener, null);
    }

    CookieGate(
            CookieCatalog catalog,
            int policyVersion,
            String consentCookieName,
            UndeclaredCookies undeclaredCookies,
            CookieDropListener dropListener,
            CookieInventory inventory) {
        this.inventory = inventory;
        this.catalog = catalog;
        this.policyVersion = policyVersion;
        this.consentCookieName = consentCookieName;
        this.undeclaredCookies = undeclaredCookies;
        this.dropListener = dropListener;
    }

    /** Sets the container's session cookie name, which counts as necessary. */
    void sessionCookieName(String name) {
        this.sessionCookieName = name;
    }

    /** The container's session cookie name in use. */
    String sessionCookieName() {
        return sessionCookieName;
    }

    /** The declarations owning {@code name} in the policy, ignoring the built-in necessary names. */
    Owners declared(String name) {
        return catalog.lookup(name);
    }

    /** Whether {@code name} is the consent cookie or the session cookie. */
    boolean isBuiltInNecessary(String name) {
        return name.equals(consentCookieName) || name.equals(sessionCookieName);
    }

    /**
     * Whether the fate of the cookie {@code name} depends on the visitor's decision: the policy declares
     * it for a service of an optional category. Necessary and undeclared cookies pass or are dropped the
     * same for every visitor.
     */
    boolean dependsOnDecision(String name) {
        return !isBuiltInNecessary(name) && catalog.lookup(name).needsConsent();
    }

    /**
     * Whether a response under {@code decision} may set the cookie {@code name}: necessary cookies
     * always, declared ones when every owner is allowed, undeclared ones unless in strict mode.
     */
    boolean admits(String name, ConsentDecision decision) {
        return admits(name, decision, null);
    }

    /**
     * {@link #admits(String, ConsentDecision)} for a response to {@code request}, on whose path an
     * undeclared cookie is added to the inventory.
     */
    boolean admits(String name, ConsentDecision decision, HttpServletRequest request) {
        if (isBuiltInNecessary(name)) {
            return true;
        }
        Owners owners = catalog.lookup(name);
        if (!owners.declared()) {
            return admitsUndeclared(name, request);
        }
        if (owners.allowedBy(decision)) {
            return true;
        }
        dropNotAllowed(name, owners);
        return false;
    }

    // The rarer outcomes live in methods of their own, which keeps admits() small enough for the JIT to
    // inline into the response's addCookie and addHeader.

    private boolean admitsUndeclared(String name, HttpServletRequest request) {
        if (inventory != null && !name.isEmpty()) {
            inventory.saw(name, request);
        }
        boolean admitted = undeclaredCookies == UndeclaredCookies.WARN;
        warnOnce(name, admitted);
        if (!admitted) {
            tell(name, CookieDropListener.Reason.UNDECLARED);
        }
        return admitted;
    }

    private void dropNotAllowed(String name, Owners owners) {
        tell(name, CookieDropListener.Reason.NOT_ALLOWED);
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Dropped cookie '{}' of service '{}': the visitor's consent does not allow it (C15)",
                    printable(name),
                    owners.owners().get(0).service().id());
        }
    }

    /**
     * The cookies to expire on a response to a request whose {@code Cookie} header is
     * {@code cookieHeader} (null when it sent none) (C14): once the visitor has decided, and only then
     * are the names read, every first-party cookie the request carries that the policy declares for a
     * service or category the decision does not allow, once for every declared path and domain
     * (host-only when none is declared).
     */
    List<Expiry> expiriesFor(String cookieHeader, ConsentDecision decision) {
        if (cookieHeader == null || decision.state() != ConsentState.DECIDED) {
            return List.of();
        }
        // The consent and session cookies are skipped before their names are copied out of the header.
        List<String> sent = RequestCookies.names(cookieHeader, consentCookieName, sessionCookieName);
        Set<Expiry> expiries = null;
        Set<String> seen = null;
        for (String name : sent) {
            Owners owners = catalog.lookup(name);
            if (!owners.declared() || owners.allowedBy(decision)) {
                continue;
            }
            if (seen == null) {
                seen = new HashSet<>();
                expiries = new LinkedHashSet<>();
            }
            if (!seen.add(name)) {
                continue;
            }
            if (!TOKEN.matcher(name).matches()) {
                LOG.debug("Cannot expire cookie '{}': its name is not an HTTP token", printable(name));
                continue;
            }
            for (Owner owner : owners.owners()) {
                if (owner.allowedBy(decision) || owner.declaration().thirdParty()) {
                    continue;
                }
                for (String path : owner.declaration().paths()) {
                    if (owner.declaration().domains().isEmpty()) {
                        expiries.add(Expiry.of(name, path, null));
                    }
                    for (String domain : owner.declaration().domains()) {
                        expiries.add(Expiry.of(name, path, domain));
                    }
                }
            }
        }
        return expiries == null ? List.of() : List.copyOf(expiries);
    }

    /**
     * A {@code Set-Cookie} that deletes one variant of a cookie. Written as a raw header rather than
     * through {@link jakarta.servlet.http.Cookie}, so that every container sends the same
     * {@code Max-Age=0} (some write only {@code Expires} for a zero max age).
     *
     * @param name the cookie name, an HTTP token
     * @param path the path it was set for
     * @param domain the domain it was set for, without a leading dot; null for a host-only cookie
     * @param secure whether the name's {@code __Secure-} or {@code __Host-} prefix requires Secure
     */
    record Expiry(String name, String path, String domain, boolean secure) {

        static Expiry of(String name, String path, String domain) {
            boolean prefixed =
                    name.regionMatches(true, 0, "__Secure-", 0, 9) || name.regionMatches(true, 0, "__Host-", 0, 7);
            // Browsers ignore a leading dot, and some containers reject it.
            String bare = domain != null && domain.startsWith(".") ? domain.substring(1) : domain;
            // Browsers ignore a prefixed cookie, deletions included, unless it is marked Secure.
            return new Expiry(name, path, bare, prefixed);
        }

        /** The header value. */
        String header() {
            StringBuilder header = new StringBuilder(96)
                    .append(name)
                    .append("=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=")
                    .append(path);
            if (domain != null) {
                header.append("; Domain=").append(domain);
            }
            if (secure) {
                header.append("; Secure");
            }
            return header.toString();
        }
    }

    private void tell(String name, CookieDropListener.Reason reason) {
        try {
            dropListener.dropped(name, reason);
        } catch (RuntimeException e) {
            LOG.debug("The cookie drop listener failed; the cookie stays dropped: {}", e.toString());
        }
    }

    private void warnOnce(String name, boolean admitted) {
        if (warned.contains(name)) {
            return;
        }
        if (warned.size() >= MAX_WARNED_NAMES) {
            if (warnedAboutLimit.compareAndSet(false, true)) {
                LOG.warn(
                        "More than {} cookie names that the consent policy does not declare were set;"
                                + " further ones are not logged",
                        MAX_WARNED_NAMES);
            }
            return;
        }
        if (!warned.add(name)) {
            return;
        }
        if (admitted) {
            LOG.warn(
                    "Cookie '{}' is not declared in consent policy version {} and was let through. Declare it"
                            + " under a service so that consent gates it (C15), or set undeclaredCookies to DROP."
                            + " Logged once per cookie name.",
                    printable(name),
                    policyVersion);
        } else {
            LOG.warn(
                    "Dropped cookie '{}': it is not declared in consent policy version {} and undeclaredCookies"
                            + " is DROP. Declare it under a service to let it through with consent."
                            + " Logged once per cookie name.",
                    printable(name),
                    policyVersion);
        }
    }

    /** A cookie name safe to log: printable ASCII only, at most 100 characters. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), 101));
        for (int i = 0; i < name.length() && i < 100; i++) {
            char c = name.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (name.length() > 100) {
            out.append('…');
        }
        return out.toString();
    }
}
