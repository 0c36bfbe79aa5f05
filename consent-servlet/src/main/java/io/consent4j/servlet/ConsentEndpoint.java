/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ChoiceResult;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.LedgerException;
import io.consent4j.core.policy.ConsentPolicy;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The visitor endpoint, mapped to {@code PATH/*} (default {@code /consent/*}): what the banner script
 * and the no-script form talk to.
 *
 * <ul>
 *   <li>{@code GET PATH[?lang=de]}: the policy in the negotiated language and the visitor's state, as
 *       JSON: {@code locale}, {@code locales}, {@code policy} (version, hash, lifetime), {@code texts}
 *       (every banner text by key), {@code links} (privacy policy, imprint), {@code categories} (id,
 *       label, description, required, service ids), {@code services} (id, category, name, provider,
 *       purpose, privacy policy URL, cookies with name, lifetime in words and ISO, third party) and
 *       {@code state} (consent id, state, granted categories and services, showBanner, Google Consent
 *       Mode default and update, links to receipt, history and public key). What the request implies
 *       by itself (an expired consent that came back, C18, or a signal that denied granted categories,
 *       C19) the assembly's filter records for every page, off the request thread; what a request no
 *       such filter saw implies is recorded here, once per consent and signal.
 *   <li>{@code POST PATH}: a choice, as JSON
 *       {@code {"action":"accept_all|reject_all|custom|grant_service|withdraw","categories":[…],
 *       "services":[…],"layer":"first_layer|settings|embed_placeholder|api"}}, answered with the new state
 *       and where to fetch the record's signed receipt (see {@link ChoiceAnswer}); or as a form ({@code application/x-www-form-urlencoded}) with the fields
 *       {@code action} ({@code accept_all}, {@code reject_all}, {@code save}, {@code withdraw}),
 *       {@code category} (repeated), {@code service} (repeated) and {@code return} (a path on this site),
 *       answered with 303 to that path. The record is appended durably first; only then the signed
 *       cookie is set ({@code HttpOnly; SameSite=Lax}, {@code Path} and {@code Domain} as set (default
 *       {@code /} and none), {@code Secure} unless turned off, max age the policy's lifetime). When the ledger fails: 503, and no cookie.
 *   <li>{@code POST PATH/parent-link}, {@code GET PATH/parent?t=…} and {@code POST PATH/parent}: parental
 *       consent by link (C28), on the assembly's endpoint; see {@code docs/MINORS.md}.
 *   <li>{@code GET PATH/settings[?return=/page&lang=de]}: the settings layer as an HTML page for visitors
 *       without JavaScript, with the stored choice, posting back here and returning to {@code return}
 *       (C13, C14); {@code done=withdrawn} adds the confirmation of a withdrawal.
 *   <li>{@code GET PATH/consent-mode.js}: the banner's {@code consent-mode.js} with the visitor's state
 *       before it, for a page without the data block to load blocking before any tag (C20);
 *       {@code public, no-cache} without a consent cookie, {@code private, no-cache} with one, with an
 *       {@code ETag}.
 *   <li>{@code GET PATH/receipt}, {@code GET PATH/history}: the signed receipt of the visitor's latest
 *       record (or with {@code ?chain=…&seq=…} of that one of their records) and their own records (C27),
 *       for the consent id of their valid or expired cookie; 404 when there is none. {@code GET PATH/jwk}:
 *       the public key that verifies receipts.
 * </ul>
 *
 * <p>Bad input gets an RFC 9457 problem, never a 500: unknown category or service and malformed body
 * 400, cross-site post 403, wrong method 405, body too large 413, wrong content type 415, too many posts
 * from one network 429 with {@code Retry-After}. Thread-safe; build with {@link #builder(ConsentManager)}.
 */
public final class ConsentEndpoint extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(ConsentEndpoint.class);

    /** The path the endpoint is mapped to unless set otherwise. */
    public static final String DEFAULT_PATH = "/consent";

    private final transient ConsentManager manager;
    private final transient EndpointOptions settings;
    private final transient CookieGate gate;
    private final transient PostRateLimiter limiter;
    private final transient ReceiptAndHistory ownRecords;
    private final transient ParentalPages parental;
    private final transient AccountSync accountSync;

    private ConsentEndpoint(Builder b) {
        this.manager = b.manager;
        this.settings = new EndpointOptions(
                new ConsentCookieHeader(b.cookieName, b.secureCookie, b.cookieDomain, b.cookiePath),
                b.assetsPath,
                b.maxBodyBytes,
                b.ageBandResolver,
                b.accountReference);
        this.gate = new CookieGate(
                new CookieCatalog(manager.policy(), CookieCatalog.DEFAULT_CACHE_SIZE),
                manager.policy().version(),
                b.cookieName,
                UndeclaredCookies.WARN);
        this.limiter = new PostRateLimiter(b.maxPosts, b.window, b.maxClients, clock());
        this.ownRecords = new ReceiptAndHistory(manager, b.cookieName);
        this.parental = b.parental;
        this.accountSync = b.accountSync;
    }

    /** A builder of an endpoint recording through {@code manager}. */
    public static Builder builder(ConsentManager manager) {
        return new Builder(manager);
    }

    private Clock clock() {
        return manager.decider().clock();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            String sub = request.getPathInfo() == null ? "" : request.getPathInfo();
            String method = request.getMethod();
            switch (sub) {
                case "", "/" -> {
                    if (method.equals("GET")) {
                        state(request, response);
                    } else if (method.equals("POST")) {
                        choice(request, response);
                    } else {
                        throw Problem.methodNotAllowed(method, "GET, POST");
                    }
                }
                case "/settings" -> {
                    if (!method.equals("GET")) {
                        throw Problem.methodNotAllowed(method, "GET");
                    }
                    settingsPage(request, response);
                }
                case "/consent-mode.js" -> {
                    if (!method.equals("GET")) {
                        throw Problem.methodNotAllowed(method, "GET");
                    }
                    String cookie = settings.consentCookie(request);
                    ConsentModeScript.write(
                            request,
                            response,
                            manager,
                            cookie,
                            manager.decide(cookie, settings.signals(request)),
                            endpoint(request));
                }
                case "/receipt", "/history", "/jwk" -> {
                    if (!method.equals("GET")) {
                        throw Problem.methodNotAllowed(method, "GET");
                    }
                    switch (sub) {
                        case "/receipt" -> ownRecords.receipt(request, response);
                        case "/history" -> ownRecords.history(request, response);
                        default ->
                            JsonAnswer.write(
                                    response, 200, manager.receiptSigner().publicJwk(), "application/jwk+json");
                    }
                }
                case "/parent-link", "/parent" -> {
                    if (parental == null) {
                        throw Problem.notFound("not-found", "parental consent by link is not set up here");
                    }
                    parental.serve(sub, method, request, response, limiter);
                }
                default -> throw Problem.notFound("not-found", "there is nothing at '" + sub + "'");
            }
        } catch (Problem problem) {
            problem.write(response);
        } catch (RuntimeException e) {
            LOG.error(
                    "The consent endpoint failed on {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.toString(),
                    e);
            new Problem(500, "internal", "Internal error", "the consent service failed; nothing was changed")
                    .write(response);
        }
    }

    // ---- GET: policy and state ------------------------------------------------------------------------------

    private void state(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsentPolicy policy = manager.policy();
        String locale = LocaleNegotiation.negotiate(request, policy);
        String cookie = settings.consentCookie(request);
        RequestSignals signals = settings.signals(request);
        ConsentDecision decision = ConsentRequests.decision(request).orElseGet(() -> manager.decide(cookie, signals));
        if (request.getAttribute(ImpliedRecords.ATTRIBUTE) == null) {
            // No filter that records saw this request, so none recorded what it implies: record it here.
            try {
                manager.recordImplied(
                        decision, settings.context(request, cookie, signals, CollectionPoint.SYSTEM, locale, null));
            } catch (LedgerException | IllegalStateException e) {
                // The state is still right; the implied record is tried again on the next request.
                LOG.warn("Could not record an implied consent event: {}", e.getMessage());
            }
        }
        ObjectNode body = StateJson.document(policy, locale, decision, endpoint(request));
        JsonAnswer.write(response, 200, Problem.JSON.writeValueAsString(body), "application/json");
    }

    // ---- GET settings: the settings layer as a page, for visitors without JavaScript ---------------------------

    private void settingsPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsentDecision decision = ConsentRequests.decision(request)
                .orElseGet(() -> manager.decide(settings.consentCookie(request), settings.signals(request)));
        SettingsPage.write(request, response, manager.policy(), decision, endpoint(request), settings.assetsPath());
    }

    // ---- POST: a choice -------------------------------------------------------------------------------------

    private void choice(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SameOrigin.check(request);
        limiter.acquire(request.getRemoteAddr());
        ConsentPolicy policy = manager.policy();
        PostedChoice parsed = PostedChoice.read(request, policy, settings.maxBodyBytes());
        String cookie = settings.consentCookie(request);
        RequestSignals signals = settings.signals(request);
        String locale = LocaleNegotiation.negotiate(request, policy);
        String page = ReturnPath.pagePath(request, parsed.returnPath());
        ChoiceResult result;
        try {
            result = manager.record(
                    parsed.choice(), settings.context(request, cookie, signals, parsed.point(), locale, page));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("invalid-choice", e.getMessage());
        } catch (LedgerException | IllegalStateException e) {
            LOG.error("A consent choice could not be recorded; no cookie was set: {}", e.getMessage());
            throw new Problem(
                            503,
                            "ledger-unavailable",
                            "Service unavailable",
                            "your choice could not be recorded, so nothing was saved; please try again")
                    .header("Retry-After", "10");
        }
        if (accountSync != null) {
            accountSync.chosen(result.record().content().accountRef());
        }
        setConsentCookie(response, result);
        for (CookieGate.Expiry expiry : gate.expiriesFor(RequestCookies.header(request), result.decision())) {
            response.addHeader(SetCookieHeader.NAME, expiry.header());
        }
        if (parsed.form()) {
            response.setHeader("Cache-Control", "no-store");
            response.setStatus(303);
            response.setHeader("Location", ReturnPath.sanitize(parsed.returnPath()));
            return;
        }
        String answer =
                ChoiceAnswer.json(manager, policy, result, endpoint(request), ChoiceAnswer.wantsSignedReceipt(request));
        JsonAnswer.write(response, 200, answer, "application/json");
    }

    private void setConsentCookie(HttpServletResponse response, ChoiceResult result) {
        settings.cookie().addTo(response, result, clock().instant());
    }

    /** The endpoint's own path, with the context path: the base of the links in its answers. */
    static String endpoint(HttpServletRequest request) {
        return request.getContextPath() + request.getServletPath();
    }

    /** Builds a {@link ConsentEndpoint}; each setter rejects a bad value with a message naming it. */
    public static final class Builder {
        private final ConsentManager manager;
        private String cookieName = ConsentFilterSettings.DEFAULT_COOKIE_NAME;
        private boolean secureCookie = true;
        private String cookieDomain;
        private String cookiePath = "/";
        private String assetsPath = ConsentSettings.DEFAULT_ASSETS_PATH;
        private int maxBodyBytes = 8 * 1024;
        private int maxPosts = 30;
        private Duration window = Duration.ofMinutes(1);
        private long maxClients = 100_000;
        private AgeBandResolver ageBandResolver = AgeBandResolver.UNSPECIFIED;
        private Function<HttpServletRequest, String> accountReference = request -> null;
        private ParentalPages parental;
        private AccountSync accountSync;

        private Builder(ConsentManager manager) {
            this.manager = Objects.requireNonNull(manager, "manager");
        }

        /** The consent cookie's name; the filter's must be the same. Default {@code consent4j}. */
        public Builder cookieName(String cookieName) {
            this.cookieName = ConsentFilterSettings.builder()
                    .cookieName(cookieName)
                    .build()
                    .cookieName();
            return this;
        }

        /**
         * Where the banner's assets are served below the context path, for the stylesheet of the settings
         * page; default {@link ConsentSettings#DEFAULT_ASSETS_PATH}.
         */
        public Builder assetsPath(String assetsPath) {
            Objects.requireNonNull(assetsPath, "assetsPath");
            if (!assetsPath.startsWith("/") || assetsPath.endsWith("/")) {
                throw new IllegalArgumentException(
                        "consent endpoint setting 'assetsPath' must start with '/' and not end with it, was '"
                                + assetsPath + "'");
            }
            this.assetsPath = assetsPath;
            return this;
        }

        /** Whether the cookie is marked {@code Secure}; default true. Turn off only for local HTTP development. */
        public Builder secureCookie(boolean secureCookie) {
            this.secureCookie = secureCookie;
            return this;
        }

        /** The consent cookie's {@code Domain}, shared by every host below it; default none (host-only). */
        public Builder cookieDomain(String cookieDomain) {
            this.cookieDomain = CookieSettings.checkDomain(cookieDomain);
            return this;
        }

        /** The consent cookie's {@code Path}; the endpoint must lie below it. Default {@code /}. */
        public Builder cookiePath(String cookiePath) {
            this.cookiePath = CookieSettings.checkPath(cookiePath);
            return this;
        }

        /** The largest choice body accepted; default 8 KiB. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = EndpointOptions.checkMaxBodyBytes(maxBodyBytes);
            return this;
        }

        /**
         * At most {@code posts} choices per {@code window} from one network (/24 or /48), remembering at
         * most {@code maxClients} networks; default 30 per minute, 100000 networks. The network is that of
         * {@link HttpServletRequest#getRemoteAddr()}: behind a reverse proxy, let the container read the
         * proxy's forwarded headers, or every visitor counts as the proxy's network. The endpoint never
         * reads {@code X-Forwarded-For} itself, since any client can send it.
         */
        public Builder rateLimit(int posts, Duration window, long maxClients) {
            PostRateLimiter.check(posts, window, maxClients);
            this.maxPosts = posts;
            this.window = window;
            this.maxClients = maxClients;
            return this;
        }

        /** The site's age-band hook, as given to the filter; default none. */
        public Builder ageBandResolver(AgeBandResolver ageBandResolver) {
            this.ageBandResolver = Objects.requireNonNull(ageBandResolver, "ageBandResolver");
            return this;
        }

        /**
         * The keyed account reference of the signed-in visitor (see
         * {@link io.consent4j.core.ledger.AccountReferences}), or null; recorded with each choice (C22).
         */
        public Builder accountReference(Function<HttpServletRequest, String> accountReference) {
            this.accountReference = Objects.requireNonNull(accountReference, "accountReference");
            return this;
        }

        /**
         * The assembly's parts: the parental-consent pages (without, those paths answer 404), and the account
         * sync told of every choice of a signed-in visitor (null when off).
         */
        Builder assembly(ParentalPages parental, AccountSync accountSync) {
            this.parental = parental;
            this.accountSync = accountSync;
            return this;
        }

        /** The endpoint; refuses a {@code __Host-} cookie name with a domain or a path other than {@code /}. */
        public ConsentEndpoint build() {
            CookieSettings.checkPrefix(cookieName, cookieDomain, cookiePath);
            return new ConsentEndpoint(this);
        }
    }
}
