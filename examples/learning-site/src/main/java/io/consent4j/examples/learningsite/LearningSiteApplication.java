/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.AgeBand;
import io.consent4j.examples.presets.Presets;
import io.consent4j.servlet.AgeBandResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Starts the learning site. The consent policy is one of the five presets
 * ({@code learning-site.preset}), with the site's own course video, "continue learning" cookie and
 * English links in place of what the preset assumes ({@link SitePolicy}).
 */
@SpringBootApplication
public class LearningSiteApplication {

    public static void main(String[] args) {
        SpringApplication.run(LearningSiteApplication.class, args);
    }

    /** The policy the starter uses instead of reading {@code consent4j.policy.location}. */
    @Bean
    ConsentPolicy consentPolicy(@Value("${learning-site.preset:valenumera}") String preset) {
        return SitePolicy.of(Presets.load(preset));
    }

    /**
     * The school courses' pages and their videos are child-facing (C28): a visitor there is of unknown age,
     * so only necessary categories are active until a parent consents, and the banner offers a link for
     * the parent. The same hook works on a plain servlet site ({@code ConsentServletSetup.ageBandResolver}).
     */
    @Bean
    AgeBandResolver schoolCourses() {
        return request -> {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            for (String prefix : new String[] {"/kurse/", "/video/"}) {
                if (path.startsWith(prefix) && Course.SCHOOL.contains(path.substring(prefix.length()))) {
                    return AgeBand.UNKNOWN;
                }
            }
            return AgeBand.UNSPECIFIED;
        };
    }

    /** Which policy services the pages gate their video, analytics and marketing parts with. */
    @Bean
    SiteEmbeds siteEmbeds(ConsentPolicy policy) {
        return SiteEmbeds.of(policy);
    }

    /**
     * The page language comes from {@code ?lang=de|en} on every link, German by default. No language
     * cookie: some presets declare one as functional, and a page in German needs no consent.
     */
    @Bean
    LocaleResolver localeResolver() {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return Locale.forLanguageTag(Language.of(request));
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                throw new UnsupportedOperationException("the language is chosen with ?lang=de|en");
            }
        };
    }
}
