/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.Service;
import java.util.Optional;

/**
 * The policy services that gate the site's parts. The presets name their services differently (not
 * every one has a video service, some have no marketing category), so the pages take the ids from
 * here instead of hard-coding them: gating with an id the policy does not know would keep the part
 * inert for ever or let the banner fall back to the whole category.
 *
 * @param videoService the functional service of the course videos
 * @param analyticsCategory the analytics category
 * @param analyticsService the analytics service (Matomo in every preset)
 * @param marketingCategory the marketing (sale/share) category, or null when the policy has none
 * @param marketingService a service of the marketing category, or null
 */
record SiteEmbeds(
        String videoService,
        String analyticsCategory,
        String analyticsService,
        String marketingCategory,
        String marketingService) {

    static final String FUNCTIONAL = "functional";
    static final String ANALYTICS = "analytics";
    static final String COURSE_VIDEO = "course-video";

    /**
     * The preset with the site's own video player added as a functional service, unless the preset
     * already declares a video service (which the site then stands for).
     */
    static ConsentPolicy withCourseVideo(ConsentPolicy policy) {
        if (videoServiceOf(policy).isPresent()) {
            return policy;
        }
        return policy.toBuilder()
                .service(Service.builder(COURSE_VIDEO, FUNCTIONAL)
                        .name("Kursvideo-Player")
                        .provider("Lernplattform (eigener Server)")
                        .purpose("de", "Spielt die Kursvideos ab und merkt sich die Wiedergabeposition.")
                        .purpose("en", "Plays the course videos and remembers the playback position.")
                        .cookie(CookieDeclaration.builder("video_position")
                                .lifetime("P30D")
                                .description("de", "Wiedergabeposition des zuletzt gesehenen Videos")
                                .description("en", "Playback position of the last video watched")
                                .build())
                        .build())
                .build();
    }

    static SiteEmbeds of(ConsentPolicy policy) {
        String video = videoServiceOf(policy)
                .orElseThrow(
                        () -> new IllegalArgumentException("the policy has no video service; use withCourseVideo"));
        String analytics = policy.service("matomo")
                .or(() -> policy.servicesOf(ANALYTICS).stream().findFirst())
                .map(Service::id)
                .orElseThrow(() -> new IllegalArgumentException("the policy has no analytics service"));
        Optional<Category> marketing = policy.category("marketing")
                .or(() -> policy.categories().stream()
                        .filter(Category::saleOrShare)
                        .findFirst());
        String marketingService = marketing
                .flatMap(c -> policy.servicesOf(c.id()).stream().findFirst())
                .map(Service::id)
                .orElse(null);
        return new SiteEmbeds(
                video, ANALYTICS, analytics, marketing.map(Category::id).orElse(null), marketingService);
    }

    private static Optional<String> videoServiceOf(ConsentPolicy policy) {
        return policy.servicesOf(FUNCTIONAL).stream()
                .map(Service::id)
                .filter(id -> id.equals("video") || id.equals(COURSE_VIDEO))
                .findFirst();
    }
}
