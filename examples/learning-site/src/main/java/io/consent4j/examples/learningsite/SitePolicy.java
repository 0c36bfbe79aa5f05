/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.PolicyLinks;
import io.consent4j.core.policy.Service;
import java.time.Duration;

/**
 * The site's policy: a preset with what the site really has put in place of what the preset assumes,
 * as a site starting from a preset does. The presets name a typical video host (Vimeo) where their
 * source text mentions external video hosting, but this site plays its course videos itself, and the
 * banner must name who really serves them (C7). Every cookie the site sets is declared, so that the
 * banner shows it and consent gates it (C1, C15).
 */
final class SitePolicy {

    /** The cookie the course page sets on the server: the course to continue with on the catalogue. */
    static final String LAST_COURSE = "last_course";

    /** How long {@link #LAST_COURSE} lives; no longer than the six months every policy declares. */
    static final Duration LAST_COURSE_LIFETIME = Duration.ofDays(180);

    /** The site's own service that remembers the last course, where the preset declares no such cookie. */
    static final String CONTINUE_LEARNING = "continue-learning";

    private SitePolicy() {}

    static ConsentPolicy of(ConsentPolicy preset) {
        ConsentPolicy.Builder site = preset.toBuilder()
                .links(PolicyLinks.of("/datenschutz", "/impressum")
                        .withPrivacyPolicy("en", "/datenschutz?lang=en")
                        .withImprint("en", "/impressum?lang=en"))
                // The preset's video host, if any, is replaced by the site's own player.
                .removeService("video")
                .service(courseVideo());
        boolean declared = preset.services().stream().anyMatch(s -> s.cookieFor(LAST_COURSE) != null);
        if (!declared) {
            site.service(continueLearning());
        }
        return site.build();
    }

    private static Service courseVideo() {
        return Service.builder(SiteEmbeds.COURSE_VIDEO, SiteEmbeds.FUNCTIONAL)
                .name("Kursvideo-Player")
                .name("en", "Course video player")
                .provider("Lernwelt (eigener Server)")
                .provider("en", "Lernwelt (own server)")
                .purpose("de", "Spielt die Kursvideos ab und merkt sich die Wiedergabeposition.")
                .purpose("en", "Plays the course videos and remembers the playback position.")
                .cookie(CookieDeclaration.builder("video_position")
                        .lifetime("P30D")
                        .description("de", "Wiedergabeposition des zuletzt gesehenen Videos")
                        .description("en", "Playback position of the last video watched")
                        .build())
                .build();
    }

    private static Service continueLearning() {
        return Service.builder(CONTINUE_LEARNING, SiteEmbeds.FUNCTIONAL)
                .name("Weiterlernen")
                .name("en", "Continue learning")
                .provider("Lernwelt (eigener Server)")
                .provider("en", "Lernwelt (own server)")
                .purpose("de", "Merkt sich den zuletzt angesehenen Kurs und zeigt ihn oben in der Kursübersicht.")
                .purpose("en", "Remembers the course you last viewed and shows it at the top of the catalogue.")
                .cookie(CookieDeclaration.builder(LAST_COURSE)
                        .lifetime("P6M")
                        .description("de", "Kennung des zuletzt angesehenen Kurses")
                        .description("en", "Id of the course you last viewed")
                        .build())
                .build();
    }
}
