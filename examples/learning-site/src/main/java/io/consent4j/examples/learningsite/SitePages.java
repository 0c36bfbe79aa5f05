/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.Consent;
import io.consent4j.servlet.ConsentRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The site's pages. Every page gets the language, the policy and the gating ids in its model. */
@Controller
class SitePages {

    /** A 1×1 transparent GIF: what the stand-in marketing pixel loads. */
    private static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final ConsentPolicy policy;
    private final SiteEmbeds embeds;
    private final ConsentManager manager;

    SitePages(ConsentPolicy policy, SiteEmbeds embeds, ConsentManager manager) {
        this.policy = policy;
        this.embeds = embeds;
        this.manager = manager;
    }

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        model.addAttribute("lang", Language.of(request));
        model.addAttribute("policy", policy);
        model.addAttribute("embeds", embeds);
        model.addAttribute("path", request.getRequestURI());
    }

    /**
     * The catalogue, with the course last viewed on top while the visitor allows remembering it. The
     * request that follows a withdrawal still carries the cookie (its response expires it), so the
     * page asks the decision rather than trusting the cookie's presence.
     */
    @GetMapping("/")
    String catalogue(
            @CookieValue(name = SitePolicy.LAST_COURSE, required = false) String lastCourse,
            HttpServletRequest request,
            Model model) {
        boolean allowed = ConsentRequests.decision(request)
                .map(d -> d.allowsService(embeds.lastCourseService()))
                .orElse(false);
        model.addAttribute("courses", Course.CATALOGUE);
        model.addAttribute(
                "lastCourse",
                allowed && lastCourse != null ? Course.find(lastCourse).orElse(null) : null);
        return "catalogue";
    }

    /**
     * A course page. It sets the functional {@code last_course} cookie on every view, whatever the
     * visitor chose: the consent filter drops the header unless the visitor allowed it (C15), and expires
     * the cookie once they withdraw (C14), so the page needs no check of its own.
     */
    @GetMapping("/kurse/{id}")
    String course(@PathVariable("id") String id, Model model, HttpServletResponse response) {
        Course course = Course.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                ResponseCookie.from(SitePolicy.LAST_COURSE, course.id())
                        .path("/")
                        .maxAge(SitePolicy.LAST_COURSE_LIFETIME)
                        .httpOnly(true)
                        .sameSite("Lax")
                        .build()
                        .toString());
        model.addAttribute("course", course);
        return "course";
    }

    /** The course video player that the course page embeds once the visitor allows it. */
    @GetMapping("/video/{id}")
    String video(@PathVariable("id") String id, Model model) {
        model.addAttribute(
                "course", Course.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "video";
    }

    @PostMapping("/newsletter")
    String newsletter(@RequestParam("email") String email, Model model) {
        // A real site would send a double opt-in mail here; the demo only thanks.
        model.addAttribute("email", email);
        return "newsletter";
    }

    /** Where the stand-in marketing pixel reports a page view. */
    @GetMapping("/pixel.gif")
    ResponseEntity<byte[]> pixel() {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).body(PIXEL);
    }

    /** The visitor's consent id and history (GDPR Art. 15, 20; C27). */
    @GetMapping("/konto")
    String account(HttpServletRequest request, Model model) {
        Optional<Consent> consent = ConsentRequests.decision(request).flatMap(ConsentDecision::consentIfAny);
        List<ConsentRecord> history = consent.map(c -> manager.history(c.id())).orElse(List.of());
        model.addAttribute("consent", consent.orElse(null));
        model.addAttribute("history", history);
        return "account";
    }

    @GetMapping("/datenschutz")
    String privacy() {
        return "privacy";
    }

    @GetMapping("/impressum")
    String imprint() {
        return "imprint";
    }
}
