/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet.parity;

import io.consent4j.core.ledger.AccountReferences;
import io.consent4j.core.token.AgeBand;
import io.consent4j.servlet.AccountReferenceResolver;
import io.consent4j.servlet.AgeBandResolver;
import io.consent4j.servlet.ConsentRequests;
import io.consent4j.servlet.HeadMarkup;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A site that {@link ParityScenarios} run against: consent4j installed through one of its front doors with
 * {@link ParityScenarios#properties()}, the hooks below, a {@link ParityClock}, a {@link ManualRetention} and a
 * {@link ManualExecutor} of implied records,
 * and the pages {@code /lesson} and {@code /kids/lesson} rendered by {@link #writePage}.
 */
public interface ParitySite {

    /** The header that says which account a test visitor is signed in to. */
    String ACCOUNT_HEADER = "X-Parity-Account";

    /** The account references of the parity sites, under a fixed key. */
    AccountReferences ACCOUNTS =
            new AccountReferences("parity-account-reference-key-32bytes!".getBytes(StandardCharsets.UTF_8));

    /** The age-band hook: {@code /kids/...} is a child-facing area where age is unknown (C28). */
    AgeBandResolver AGE_BANDS = request -> request.getRequestURI().startsWith(request.getContextPath() + "/kids/")
            ? AgeBand.UNKNOWN
            : AgeBand.UNSPECIFIED;

    /** The account hook: the keyed reference of the account in {@link #ACCOUNT_HEADER}, if any (C22). */
    AccountReferenceResolver ACCOUNT_REFERENCES = request -> {
        String account = request.getHeader(ACCOUNT_HEADER);
        return account == null || account.isBlank() ? null : ACCOUNTS.of(account);
    };

    /** {@code http://127.0.0.1:PORT}. */
    String origin();

    /** The {@code Authorization} header value of an auditor on this site. */
    String auditorAuthorization();

    /** The site's clock. */
    ParityClock clock();

    /** The site's retention schedule. */
    ManualRetention retention();

    /** The executor of the records the filter hands off (applied signals, expiries). */
    ManualExecutor impliedRecords();

    /**
     * The page both sites serve at {@code /lesson} and {@code /kids/lesson}: the head markup, the
     * categories the filter allowed (as {@code <p id="allowed">necessary analytics</p>}), and an
     * analytics cookie, which the filter drops unless analytics is allowed.
     */
    static void writePage(HttpServletRequest request, HttpServletResponse response, HeadMarkup head)
            throws IOException {
        List<String> allowed = new ArrayList<>();
        for (String category : List.of("necessary", "analytics", "marketing")) {
            if (ConsentRequests.allowed(request, category)) {
                allowed.add(category);
            }
        }
        response.addCookie(new Cookie("_pk_id.parity", "visitor"));
        response.setContentType("text/html; charset=utf-8");
        response.getWriter()
                .write("<!DOCTYPE html><html><head>" + head.html(request) + "</head><body><p id=\"allowed\">"
                        + String.join(" ", allowed) + "</p></body></html>");
    }
}
