/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure.parity;

import io.consent4j.servlet.AccountReferenceResolver;
import io.consent4j.servlet.AgeBandResolver;
import io.consent4j.servlet.HeadMarkup;
import io.consent4j.servlet.parity.ManualExecutor;
import io.consent4j.servlet.parity.ManualRetention;
import io.consent4j.servlet.parity.ParityClock;
import io.consent4j.servlet.parity.ParitySite;
import io.consent4j.spring.autoconfigure.ConsentSettingsCustomizer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The parity scenarios' Spring Boot site: the starter with the properties of
 * {@link io.consent4j.servlet.parity.ParityScenarios#properties()}, the hooks as the beans a site would
 * define ({@link AgeBandResolver}, {@link AccountReferenceResolver}), the clock, the retention schedule
 * and the executor of implied records through a {@link ConsentSettingsCustomizer}, and Spring Security guarding the auditor endpoint as on a
 * real site.
 */
@SpringBootApplication
public class ParityBootSite {

    /** The auditor's sign-in, with the authority the starter's chain requires. */
    public static final String AUDITOR = "auditor:parity-secret";

    @Bean
    ParityClock parityClock() {
        return new ParityClock();
    }

    @Bean
    ManualRetention parityRetention() {
        return new ManualRetention();
    }

    @Bean
    ManualExecutor parityImpliedRecords() {
        return new ManualExecutor();
    }

    @Bean
    ConsentSettingsCustomizer parityClockAndRetention(
            ParityClock clock, ManualRetention retention, ManualExecutor impliedRecords) {
        return settings -> settings.clock(clock).retentionScheduler(retention).impliedRecordExecutor(impliedRecords);
    }

    @Bean
    AgeBandResolver parityAgeBands() {
        return ParitySite.AGE_BANDS;
    }

    @Bean
    AccountReferenceResolver parityAccounts() {
        return ParitySite.ACCOUNT_REFERENCES;
    }

    /** The site's own pages are public. */
    @Bean
    SecurityFilterChain siteSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    UserDetailsService staff() {
        return new InMemoryUserDetailsManager(User.withUsername("auditor")
                .password("{noop}parity-secret")
                .authorities("CONSENT_AUDITOR")
                .build());
    }

    @Controller
    static class LessonPage {
        private final HeadMarkup head;

        LessonPage(HeadMarkup head) {
            this.head = head;
        }

        @GetMapping({"/lesson", "/kids/lesson"})
        void lesson(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ParitySite.writePage(request, response, head);
        }
    }
}
