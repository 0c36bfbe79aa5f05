/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.Service;
import java.util.Optional;

/**
 * The policy services that gate the site's parts. The presets name their services differently (not
 * every one has a video service, some have no marketing category), so the pages take the ids from
 * here instead of hard-coding them: gating with an id the policy does not know would keep the part
 * inert for ever or let the banner fall back to the whole category.
 *
 * @param videoService the functional service of the course videos, the site's own player
 * @param analyticsCategory the analytics category
 * @param analyticsService the analytics service (Matomo in every preset)
 * @param marketingCategory the marketing (sale/share) category, or null when the policy has none
 * @param marketingService a service of the marketing category, or null
 * @param lastCourseService the functional service that declares the {@code last_course} cookie
 */
record SiteEmbeds(
        String videoService,
        String analyticsCategory,
        String analyticsService,
        String marketingCategory,
        String marketingService,
        String lastCourseService) {

    static final String FUNCTIONAL = "functional";
    static final String ANALYTICS = "analytics";
    static final String COURSE_VIDEO = "course-video";

    static SiteEmbeds of(ConsentPolicy policy) {
        String video = policy.service(COURSE_VIDEO)
                .filter(s -> s.category().equals(FUNCTIONAL))
                .map(Service::id)
                .orElseThrow(() -> new IllegalArgumentException("the policy has no course video; use SitePolicy"));
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
        String lastCourse = policy.servicesOf(FUNCTIONAL).stream()
                .filter(s -> s.cookieFor(SitePolicy.LAST_COURSE) != null)
                .map(Service::id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no functional service declares " + SitePolicy.LAST_COURSE + "; use SitePolicy"));
        return new SiteEmbeds(
                video, ANALYTICS, analytics, marketing.map(Category::id).orElse(null), marketingService, lastCourse);
    }
}
