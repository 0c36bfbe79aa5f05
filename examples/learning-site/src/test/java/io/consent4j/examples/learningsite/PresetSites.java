/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import io.consent4j.examples.presets.Presets;
import io.consent4j.spring.autoconfigure.ConsentSettingsCustomizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The learning site under each preset, started once per test run and shared by the browser suites. Its
 * keys outlive one start, so that a second site of the same preset reads the first one's cookies; its
 * clock is one the tests move forward; its implied records are written on the request thread. The
 * running sites close with the JVM, as Spring Boot applications do.
 */
final class PresetSites {

    private static final String COOKIE_KEY = "test-1:" + Base64.getEncoder().encodeToString(randomBytes());
    private static final String RECEIPT_KEY = receiptKey();
    private static final Map<String, Site> RUNNING = new HashMap<>();
    private static BrowserSupport chromium;

    private PresetSites() {}

    /**
     * The presets to test: all, or those named in the system property {@code learning-site.presets}
     * (comma-separated), for a quicker run while working on one.
     */
    static List<String> presets() {
        String only = System.getProperty("learning-site.presets", "");
        return only.isBlank()
                ? Presets.names()
                : Presets.names().stream()
                        .filter(List.of(only.split(","))::contains)
                        .toList();
    }

    /**
     * The one Chromium of the browser suites, launched on first use (a test without Chromium is skipped,
     * see {@link BrowserSupport#launch}) and closed with the JVM.
     */
    static synchronized BrowserSupport chromium() {
        if (chromium == null) {
            BrowserSupport launched = BrowserSupport.launch();
            Runtime.getRuntime().addShutdownHook(new Thread(launched::close, "chromium-close"));
            chromium = launched;
        }
        return chromium;
    }

    /** The running site of {@code preset}, started on first use. */
    static synchronized Site of(String preset) {
        return RUNNING.computeIfAbsent(preset, p -> start(p, policy -> policy));
    }

    /** Another site of {@code preset} with its own ledger and clock, its policy changed by {@code change}. */
    static Site start(String preset, UnaryOperator<ConsentPolicy> change) {
        Path ledger;
        try {
            ledger = Files.createTempDirectory("preset-ledger-" + preset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SiteClock clock = new SiteClock();
        // Command-line arguments, as a user passes them: they win over application.properties, which
        // sets the preset and port 8080.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LearningSiteApplication.class)
                .initializers(app -> {
                    app.getBeanFactory().registerSingleton("testClock", (ConsentSettingsCustomizer)
                            settings -> settings.clock(clock)
                                    // Implied records (signals, expiry) are written before the
                                    // page answers, so a test reads them without waiting.
                                    .impliedRecordExecutor(Runnable::run));
                    // The site makes its policy bean itself, so the change applies to that bean.
                    app.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                        @Override
                        public Object postProcessAfterInitialization(Object bean, String name) {
                            return bean instanceof ConsentPolicy policy ? change.apply(policy) : bean;
                        }
                    });
                })
                .run(
                        "--server.port=0",
                        "--server.shutdown=immediate",
                        "--learning-site.preset=" + preset,
                        "--consent4j.cookie.keys=" + COOKIE_KEY,
                        "--consent4j.receipt.key=" + RECEIPT_KEY,
                        "--consent4j.ledger.path=" + ledger.resolve("ledger"));
        return new Site(preset, context, clock);
    }

    /** One running learning site. */
    record Site(String preset, ConfigurableApplicationContext context, SiteClock clock) implements AutoCloseable {

        String base() {
            return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        }

        ConsentPolicy policy() {
            return context.getBean(ConsentPolicy.class);
        }

        SiteEmbeds embeds() {
            return context.getBean(SiteEmbeds.class);
        }

        List<ConsentRecord> history(String consentId) {
            return context.getBean(ConsentManager.class).history(ConsentId.parse(consentId));
        }

        @Override
        public void close() {
            context.close();
        }
    }

    private static byte[] randomBytes() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String receiptKey() {
        try {
            return Base64.getEncoder()
                    .encodeToString(KeyPairGenerator.getInstance("Ed25519")
                            .generateKeyPair()
                            .getPrivate()
                            .getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
