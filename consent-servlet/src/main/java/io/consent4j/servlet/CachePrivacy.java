/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.decision.ConsentDecision;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a response that depends on the visitor out of shared caches. One per request the filter
 * decided, stored under {@link #ATTRIBUTE} and shared by every dispatch of that request.
 *
 * <p>The response is <em>marked</em> once it depends on the visitor: the page read the decision
 * ({@link ConsentRequests}, the {@link ConsentRequests#DECISION_ATTRIBUTE} attribute, and so the banner's
 * data block, the no-script form and template helpers), the filter expired withdrawn cookies on it, or
 * a cookie whose fate depends on the decision was set or dropped. From then on, and again after a
 * reset, the response carries:
 *
 * <ul>
 *   <li>{@code Cache-Control} with {@code private} or {@code no-store}: {@code private} when the site set
 *       none; the site's own value otherwise, with {@code public} and {@code s-maxage} taken out (both
 *       would let a shared cache store the page), a qualified {@code private="…"} made plain, and
 *       {@code private} put first unless {@code private} or {@code no-store} is there already. Browser
 *       directives such as {@code max-age} or {@code no-cache} stay.
 *   <li>{@code Vary} with {@code Cookie}, added to what the site varies by.
 *   <li>Fields with which a CDN or proxy takes its caching from a header of its own, ignoring
 *       {@code Cache-Control} ({@code CDN-Cache-Control}, {@code Cloudflare-CDN-Cache-Control},
 *       {@code Surrogate-Control}: {@code no-store}; nginx's {@code X-Accel-Expires}: {@code 0}), when the
 *       site set them.
 * </ul>
 *
 * <p>Headers the site sets later pass through the same rules. A {@code Cache-Control: private} the
 * filter set only because there was none is not reported to the application ({@code getHeader} gives
 * null), so that frameworks that add their default only where none is set, such as Spring Security's
 * {@code no-cache, no-store}, still add it. A decision read after the response was committed cannot mark
 * it any more; that is logged once per filter.
 */
final class CachePrivacy {

    /** The request attribute under which the filter stores the request's instance. */
    static final String ATTRIBUTE = CachePrivacy.class.getName();

    static final String CACHE_CONTROL = "Cache-Control";
    static final String VARY = "Vary";
    static final String PRIVATE = "private";

    private static final Logger LOG = LoggerFactory.getLogger(ConsentFilter.class);

    /** The caching fields for one kind of cache, in lower case, with the value that keeps it from storing. */
    private static final String[][] TARGETED = {
        {"cdn-cache-control", "no-store"},
        {"cloudflare-cdn-cache-control", "no-store"},
        {"surrogate-control", "no-store"},
        {"x-accel-expires", "0"},
    };

    /** The headers this class rewrites on a marked response. */
    enum Field {
        CACHE_CONTROL,
        VARY,
        TARGETED,
        OTHER
    }

    private final ConsentDecision decision;
    private final HttpServletResponse response;
    private final AtomicBoolean lateReadLogged;
    private volatile boolean marked;
    /** Whether the response's Cache-Control is the plain {@code private} set for want of one. */
    private volatile boolean provisional;

    /**
     * @param decision the request's decision
     * @param response the response as the filter received it, to set the headers on
     * @param lateReadLogged the filter's flag for the once-only warning about reads after the commit
     */
    CachePrivacy(ConsentDecision decision, HttpServletResponse response, AtomicBoolean lateReadLogged) {
        this.decision = decision;
        this.response = response;
        this.lateReadLogged = lateReadLogged;
    }

    ConsentDecision decision() {
        return decision;
    }

    /** Whether the response depends on the visitor. */
    boolean marked() {
        return marked;
    }

    /** Whether the response's Cache-Control is ours alone, to be reported to the application as absent. */
    boolean hidesCacheControl() {
        return provisional;
    }

    /** Marks the response as depending on the visitor, and sets its headers unless it is committed. */
    synchronized void mark() {
        if (marked) {
            return;
        }
        marked = true;
        if (response.isCommitted()) {
            if (lateReadLogged.compareAndSet(false, true)) {
                LOG.warn("A page read the visitor's consent decision after its response was committed, so the"
                        + " response could not be marked 'Cache-Control: private' and 'Vary: Cookie', and a shared"
                        + " cache may hand it to other visitors. Read the decision before the body is flushed"
                        + " (render the banner's head markup in <head>), or set these headers on such pages"
                        + " yourself. Logged once.");
            }
            return;
        }
        apply();
    }

    /** Sets the headers of a marked response again, as after a reset. */
    synchronized void apply() {
        if (!marked || response.isCommitted()) {
            return;
        }
        Collection<String> cacheControl = response.getHeaders(CACHE_CONTROL);
        if (cacheControl.isEmpty()) {
            response.setHeader(CACHE_CONTROL, PRIVATE);
            provisional = true;
        } else if (!(provisional && cacheControl.size() == 1 && cacheControl.contains(PRIVATE))) {
            // The site's value, or one set past the wrapper since ours.
            provisional = false;
            String site = String.join(", ", cacheControl);
            String merged = cacheControl(site);
            if (!merged.equals(site) || cacheControl.size() > 1) {
                response.setHeader(CACHE_CONTROL, merged);
            }
        }
        Collection<String> vary = response.getHeaders(VARY);
        String varies = vary.isEmpty() ? null : String.join(", ", vary);
        String merged = vary(varies);
        if (!merged.equals(varies)) {
            response.setHeader(VARY, merged);
        }
        for (String[] targeted : TARGETED) {
            if (response.containsHeader(targeted[0])) {
                response.setHeader(targeted[0], targeted[1]);
            }
        }
    }

    /** The value to set for {@code field} when the site sets {@code value} (null to remove) on a marked response. */
    synchronized String set(Field field, String name, String value) {
        return switch (field) {
            case CACHE_CONTROL -> {
                provisional = value == null || value.isBlank();
                yield cacheControl(value);
            }
            case VARY -> vary(value);
            case TARGETED -> targetedValue(name);
            case OTHER -> value;
        };
    }

    /**
     * The value to set, replacing every value, for {@code field} when the site adds {@code value} to the
     * values {@code current} already there on a marked response.
     */
    synchronized String add(Field field, String name, String value, Collection<String> current) {
        List<String> all = new ArrayList<>(current.size() + 1);
        if (!(field == Field.CACHE_CONTROL && provisional)) {
            all.addAll(current);
        }
        all.add(value);
        return set(field, name, String.join(", ", all));
    }

    /** Which of the headers this class rewrites {@code name} is. */
    static Field field(String name) {
        if (name == null) {
            return Field.OTHER;
        }
        String header = name.strip();
        if (header.equalsIgnoreCase(CACHE_CONTROL)) {
            return Field.CACHE_CONTROL;
        }
        if (header.equalsIgnoreCase(VARY)) {
            return Field.VARY;
        }
        return targetedValue(header) == null ? Field.OTHER : Field.TARGETED;
    }

    private static String targetedValue(String name) {
        String header = name.strip().toLowerCase(Locale.ROOT);
        for (String[] targeted : TARGETED) {
            if (targeted[0].equals(header)) {
                return targeted[1];
            }
        }
        return null;
    }

    /**
     * {@code value} as a Cache-Control that no shared cache may store: without {@code public} and
     * {@code s-maxage}, with a qualified {@code private="…"} made plain, and with {@code private} first
     * unless {@code private} or {@code no-store} is there. {@code private} for null or blank.
     */
    static String cacheControl(String value) {
        List<String> kept = new ArrayList<>();
        boolean closed = false;
        for (String directive : directives(value)) {
            String name = directiveName(directive);
            switch (name) {
                case "public", "s-maxage" -> {
                    // Each lets a shared cache store the response.
                }
                case "private" -> {
                    // Plain: a qualified private="Set-Cookie" lets a shared cache store the rest.
                    if (!kept.contains(PRIVATE)) {
                        kept.add(PRIVATE);
                    }
                    closed = true;
                }
                case "no-store" -> {
                    kept.add(directive);
                    closed = true;
                }
                default -> kept.add(directive);
            }
        }
        if (!closed) {
            kept.add(0, PRIVATE);
        }
        return String.join(", ", kept);
    }

    /** {@code value} with {@code Cookie} among the fields it varies by; {@code Cookie} for null or blank. */
    static String vary(String value) {
        List<String> fields = directives(value);
        for (String field : fields) {
            if (field.equals("*") || field.equalsIgnoreCase("Cookie")) {
                return String.join(", ", fields);
            }
        }
        fields.add("Cookie");
        return String.join(", ", fields);
    }

    /** The comma-separated members of a header value, trimmed, without empty ones; commas in quotes kept. */
    private static List<String> directives(String value) {
        List<String> members = new ArrayList<>();
        if (value == null) {
            return members;
        }
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (c == '"' && i < value.length()) {
                quoted = !quoted;
            } else if (c == ',' && (!quoted || i == value.length())) {
                String member = value.substring(start, i).strip();
                if (!member.isEmpty()) {
                    members.add(member);
                }
                start = i + 1;
            }
        }
        return members;
    }

    private static String directiveName(String directive) {
        int equals = directive.indexOf('=');
        return (equals < 0 ? directive : directive.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
    }
}
