/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure.secured;

import java.security.Principal;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A site with Spring Security of its own: its account pages need a login (a form, or HTTP Basic), with
 * Spring's CSRF protection on, as a site developer would write it; consent4j's auditor tokens are set.
 */
@SpringBootApplication
public class SecuredSite {

    /** The site's own chain, for every path that consent4j's chain does not match. */
    @Bean
    SecurityFilterChain siteSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/account/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                // Answered without a redirect: the test class path has servlet API 6.0, whose
                // sendRedirect(String) Tomcat 11's response does not implement.
                .formLogin(form -> form.successHandler((request, response, user) -> response.setStatus(204))
                        .failureHandler((request, response, failure) -> response.setStatus(401)))
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    /** Staff accounts: one auditor, one teacher. */
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

    @RestController
    static class Account {
        @GetMapping("/account")
        String account(Principal user) {
            return "account of " + user.getName();
        }

        @PostMapping("/account/name")
        String rename(Principal user) {
            return "renamed " + user.getName();
        }
    }
}
