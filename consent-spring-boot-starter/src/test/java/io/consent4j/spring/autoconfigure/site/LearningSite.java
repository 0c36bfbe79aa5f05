/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure.site;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** A small learning site with Spring Security and Thymeleaf, as a site developer would write it. */
@SpringBootApplication
public class LearningSite {

    /** The site's own security: its course pages are public. */
    @Bean
    SecurityFilterChain siteSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    /** Staff accounts; only the auditor may use the auditor endpoint. */
    @Bean
    UserDetailsService staff() {
        return new InMemoryUserDetailsManager(
                User.withUsername("auditor")
                        .password("{noop}audit-secret")
                        .authorities("CONSENT_AUDITOR")
                        .build(),
                User.withUsername("teacher")
                        .password("{noop}teach-secret")
                        .authorities("TEACHER")
                        .build());
    }

    @Controller
    static class CoursePage {
        /** The course page; its analytics script would set a Matomo cookie, which needs consent. */
        @GetMapping("/course")
        String course(HttpServletResponse response) {
            response.addCookie(new Cookie("_pk_id.1", "visitor"));
            return "course";
        }

        /** A page whose share button sets a cookie the policy does not declare. */
        @GetMapping("/share")
        @ResponseBody
        String share(HttpServletResponse response) {
            response.addCookie(new Cookie("_fbp", "fb.1.share"));
            return "shared";
        }

        /**
         * The catalogue, which the site lets caches keep for ten minutes; it gates one part on consent with
         * {@code #consent.allowed} and shows no banner.
         */
        @GetMapping("/catalogue")
        String catalogue(HttpServletResponse response) {
            response.setHeader("Cache-Control", "public, max-age=600");
            return "catalogue";
        }
    }
}
