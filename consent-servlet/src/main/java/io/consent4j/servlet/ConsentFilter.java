/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ChoiceResult;
import io.consent4j.core.decision.ConsentDecider;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet filter that enforces a visitor's consent on the server.
 *
 * <p>For each request it decides, with a {@link ConsentDecider}, from the signed consent cookie, the
 * {@code Sec-GPC} and {@code DNT} headers and the site's {@link AgeBandResolver}, and stores the
 * {@link ConsentDecision} on the request for {@link ConsentRequests}. It then lets the application
 * set only the cookies that decision allows: a {@code Set-Cookie} of a category or service the visitor
 * has not granted is dropped, however it is set (C15). Cookies of required categories, the consent
 * cookie and the container's session cookie always pass; cookies the policy does not declare pass
 * with one warning per name, or are dropped in strict mode ({@link UndeclaredCookies#DROP}). Once the
 * visitor has decided, cookies the request carries that the policy declares for something not allowed
 * are expired on the response, for every declared path and domain (C14).
 *
 * <p>A response that depends on the visitor is kept out of shared caches: once the application reads
 * the decision (through {@link ConsentRequests} or the request attribute, as the banner's data block, the
 * no-script form and the template helpers do), or the filter expires or gates a cookie by it, the
 * response gets {@code Cache-Control: private} (a stricter value the site set is kept; {@code public} and
 * {@code s-maxage} are taken out) and {@code Vary: Cookie}. A response that never touches the decision,
 * such as a static asset, keeps its caching headers. The headers are set when the decision is read, so
 * read it before the body is flushed; a read after the response was committed is logged once.
 *
 * <p>Map it before every other filter that may set cookies, for {@code REQUEST} and {@code ERROR}
 * dispatches (and {@code ASYNC} for async servlets). It runs once per request: on later dispatches of
 * the same request it reuses the decision. Cookies written through a response it never saw are
 * beyond its reach: the container's own (such as the session cookie, which counts as necessary
 * anyway), and those written through {@code AsyncContext.getResponse()} after a no-argument
 * {@code startAsync()}, which hands out the unwrapped response.
 *
 * <p>The filter of a {@link ConsentAssembly} also records what a request implies by itself (a GPC or DNT
 * signal that overrides a grant, C19, or an expired consent, C18), once per consent and signal and off
 * the request thread, and brings a parent's choice made by link on another device to a child's cookie
 * (C28, see {@code docs/MINORS.md}). A filter made with {@code of(...)} has no manager and does neither.
 *
 * <p>Instances are thread-safe; make one per policy with {@link #of(ConsentDecider)} or
 * {@link #of(ConsentDecider, ConsentFilterSettings)} and register it programmatically.
 */
public final class ConsentFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentFilter.class);

    private final ConsentDecider decider;
    private final ConsentFilterSettings settings;
    private final CookieGate gate;
    /** Records the signals and expiries requests imply; null for a filter built without a manager. */
    private final ImpliedRecords implied;
    /** Brings a parent's choice to the child's cookie; null for a filter built without a manager. */
    private final ParentalDelivery parental;
    /** Brings a signed-in visitor's newest choice to this device; null unless the assembly turns it on. */
    private final AccountSync accounts;

    private volatile boolean sessionCookieNameKnown;
    private final AtomicBoolean lateReadLogged = new AtomicBoolean();

    private ConsentFilter(
            ConsentDecider decider,
            ConsentFilterSettings settings,
            ImpliedRecords implied,
            ParentalDelivery parental,
            AccountSync accounts,
            CookieInventory inventory) {
        this.decider = Objects.requireNonNull(decider, "decider");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.implied = implied;
        this.parental = parental;
        this.accounts = accounts;
        this.gate = new CookieGate(
                new CookieCatalog(decider.policy(), CookieCatalog.DEFAULT_CACHE_SIZE),
                decider.policy().version(),
                settings.cookieName(),
                settings.undeclaredCookies(),
                settings.cookieDropListener(),
                inventory);
        gate.declared(settings.cookieName()).owners().stream()
                .filter(owner -> !owner.required())
                .forEach(owner -> LOG.warn(
                        "Consent policy version {} declares the consent cookie '{}' under optional service '{}';"
                                + " it is necessary and always let through",
                        decider.policy().version(),
                        settings.cookieName(),
                        owner.service().id()));
    }

    /** A filter deciding with {@code decider}, with {@linkplain ConsentFilterSettings#defaults() default settings}. */
    public static ConsentFilter of(ConsentDecider decider) {
        return new ConsentFilter(decider, ConsentFilterSettings.defaults(), null, null, null, null);
    }

    /** A filter deciding with {@code decider}, as {@code settings} say. */
    public static ConsentFilter of(ConsentDecider decider, ConsentFilterSettings settings) {
        return new ConsentFilter(decider, settings, null, null, null, null);
    }

    /**
     * The assembly's filter, which also records what requests imply through {@code implied}, brings a
     * parent's choice to the child's cookie through {@code parental}, a signed-in visitor's newest choice
     * to their device through {@code accounts} (null when off), and adds the undeclared cookies the
     * application sets to {@code inventory}.
     */
    static ConsentFilter of(
            ConsentDecider decider,
            ConsentFilterSettings settings,
            ImpliedRecords implied,
            ParentalDelivery parental,
            AccountSync accounts,
            CookieInventory inventory) {
        return new ConsentFilter(
                decider,
                settings,
                Objects.requireNonNull(implied, "implied"),
                Objects.requireNonNull(parental, "parental"),
                accounts,
                Objects.requireNonNull(inventory, "inventory"));
    }

    /** The settings this filter runs with. */
    public ConsentFilterSettings settings() {
        return settings;
    }

    /**
     * Reads the container's session cookie name, which counts as necessary.
     *
     * @throws ServletException when the consent cookie has the session cookie's name
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        try {
            learnSessionCookieName(filterConfig.getServletContext());
        } catch (IllegalStateException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        if (!sessionCookieNameKnown) {
            // Registered without init(), as some frameworks do: learn it from the first request.
            learnSessionCookieName(request.getServletContext());
        }
        // Only this filter stores its state, so a request that carries it is a later dispatch of a request it
        // decided (or was decided by a filter of the same policy mapped twice): reuse the decision. Read through
        // its own attribute, which unlike the decision's marks nothing.
        if (request.getAttribute(CachePrivacy.ATTRIBUTE) instanceof CachePrivacy earlier) {
            if (CookieGatingResponse.isGated(response)) {
                chain.doFilter(request, response);
                return;
            }
            // A later dispatch (ERROR, or ASYNC after startAsync()) on the unwrapped response: gate it with
            // the same decision. The expiries are on the response already; keep them for a reset. The cache
            // headers are set again, in case the container reset the response for an error page.
            ConsentDecision decision = earlier.decision();
            CookieGatingResponse gated = new CookieGatingResponse(
                    response,
                    gate,
                    decision,
                    gate.expiriesFor(RequestCookies.header(request), decision),
                    earlier,
                    request);
            earlier.apply();
            chain.doFilter(new DecidedRequest(request, earlier), gated);
            return;
        }
        String cookies = RequestCookies.header(request);
        RequestSignals signals = RequestSignalHeaders.of(request, settings.ageBandResolver());
        String cookie = RequestCookies.value(cookies, settings.cookieName());
        ConsentDecision decision = decide(cookie, signals);
        ChoiceResult delivered = null;
        if (parental != null) {
            // A parent chose on another device (C28): this request brings the choice to the child's cookie.
            Optional<ChoiceResult> found = parental.find(decision, signals);
            if (found.isPresent()) {
                delivered = found.get();
                cookie = found.get().cookieValue();
                decision = decide(cookie, signals);
            }
        }
        if (accounts != null && delivered == null) {
            // A signed-in visitor chose or withdrew on another device: this request brings it to this one. A
            // withdrawal brought here expires the withdrawn cookies below, as one made here would.
            Optional<ChoiceResult> found = accounts.find(request, cookie, decision, signals);
            if (found.isPresent()) {
                delivered = found.get();
                cookie = found.get().cookieValue();
                decision = decide(cookie, signals);
            }
        }
        if (implied != null) {
            request.setAttribute(ImpliedRecords.ATTRIBUTE, Boolean.TRUE);
            if (decision.consent() != null) {
                // A signal that overrides a grant, or an expiry, is recorded where it arrives (C18, C19), off
                // this thread: the page neither waits for the ledger nor fails with it.
                implied.offer(request, cookie, signals, decision);
            }
        }
        CachePrivacy privacy = new CachePrivacy(decision, response, lateReadLogged);
        if (delivered != null) {
            // Both deliveries set the one consent cookie of the assembly, with its domain and path.
            parental.cookie().addTo(response, delivered, decider.clock().instant());
            privacy.mark();
        }
        request.setAttribute(ConsentRequests.DECISION_ATTRIBUTE, decision);
        request.setAttribute(CachePrivacy.ATTRIBUTE, privacy);
        List<CookieGate.Expiry> expiries = gate.expiriesFor(cookies, decision);
        CookieGatingResponse gated = new CookieGatingResponse(response, gate, decision, expiries, privacy, request);
        if (!expiries.isEmpty()) {
            // The expiries follow from this visitor's cookies: no other visitor may be sent them.
            privacy.mark();
        }
        gated.addExpiries();
        chain.doFilter(new DecidedRequest(request, privacy), gated);
    }

    private ConsentDecision decide(String cookie, RequestSignals signals) {
        DecisionListener listener = settings.decisionListener();
        if (listener == DecisionListener.NONE) {
            return decider.decide(cookie, signals);
        }
        long start = System.nanoTime();
        ConsentDecision decision = decider.decide(cookie, signals);
        try {
            listener.decided(decision, System.nanoTime() - start);
        } catch (RuntimeException e) {
            LOG.warn("The consent decision listener failed: {}", e.toString());
        }
        return decision;
    }

    private void learnSessionCookieName(ServletContext context) {
        String name = null;
        SessionCookieConfig config = context == null ? null : context.getSessionCookieConfig();
        if (config != null) {
            name = config.getName();
        }
        if (name == null || name.isBlank()) {
            name = CookieGate.DEFAULT_SESSION_COOKIE_NAME;
        }
        if (name.equals(settings.cookieName())) {
            throw new IllegalStateException("consent filter setting 'cookieName': '" + settings.cookieName()
                    + "' is also the container's session cookie name; give the consent cookie another name");
        }
        gate.sessionCookieName(name);
        sessionCookieNameKnown = true;
    }
}
