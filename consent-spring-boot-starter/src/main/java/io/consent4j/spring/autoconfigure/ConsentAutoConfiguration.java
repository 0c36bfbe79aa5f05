/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.GoogleConsentType;
import io.consent4j.core.policy.PolicyLinks;
import io.consent4j.core.policy.Service;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.SigningKey;
import io.consent4j.core.token.SigningKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.util.ClassUtils;

/**
 * Creates consent4j's core beans from the {@code consent.*} properties: the policy, the cookie codec, the
 * receipt signer, the ledger (JDBC on the application's {@code DataSource}, else an H2 file) and the
 * {@link ConsentManager}. Each bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(ConsentProperties.class)
@Import({
    ConsentAutoConfiguration.DataSourceLedgerConfiguration.class,
    ConsentAutoConfiguration.H2FileLedgerConfiguration.class,
    ConsentAutoConfiguration.NoLedgerConfiguration.class
})
public class ConsentAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentAutoConfiguration.class);

    static final String COOKIE_KEY_HINT = "Generate a key with 'openssl rand -base64 32' and set"
            + " consent.cookie.keys=k1:<that key> (for local development only: consent.dev-mode=true)";
    static final String RECEIPT_KEY_HINT = "Generate an Ed25519 key with 'openssl genpkey -algorithm ed25519"
            + " -outform DER | base64' and set consent.receipt.key=<that key> (for local development only:"
            + " consent.dev-mode=true)";

    @Bean
    @ConditionalOnMissingBean
    ConsentPolicy consentPolicy(ConsentProperties properties, ObjectProvider<ConsentPolicyCustomizer> customizers) {
        ConsentPolicy policy = properties.getPolicyLocation() != null
                ? readPolicy(properties.getPolicyLocation())
                : policyFromProperties(properties.getPolicy());
        for (ConsentPolicyCustomizer customizer : customizers.orderedStream().toList()) {
            policy = customizer.customize(policy);
        }
        return policy;
    }

    @Bean
    @ConditionalOnMissingBean
    CookieConsentCodec consentCookieCodec(ConsentProperties properties) {
        return new CookieConsentCodec(cookieKeys(properties));
    }

    @Bean
    @ConditionalOnMissingBean
    ReceiptSigner consentReceiptSigner(ConsentProperties properties) {
        ConsentProperties.Receipt receipt = properties.getReceipt();
        // The key id is written into every receipt's header and the published JWK: check it before the key.
        String keyId;
        try {
            keyId = ReceiptSigner.checkKeyId(receipt.getKeyId());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("consent4j: consent.receipt.key-id " + e.getMessage(), e);
        }
        if (receipt.getKey() == null || receipt.getKey().isBlank()) {
            if (properties.isDevMode()) {
                LOG.warn("consent4j DEV MODE: signing receipts with a THROWAWAY key; receipts cannot be verified"
                        + " after a restart. Set consent.receipt.key in production.");
                return ReceiptSigner.generate(devKeyId(keyId));
            }
            throw new IllegalStateException("consent4j: consent.receipt.key is missing. " + RECEIPT_KEY_HINT);
        }
        try {
            return ReceiptSigner.fromBase64(keyId, receipt.getKey().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "consent4j: consent.receipt.key is not valid: " + e.getMessage() + ". " + RECEIPT_KEY_HINT, e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "consent4j: consent.receipt.key (key id '" + keyId + "') cannot be used: " + e.getMessage(), e);
        }
    }

    /** The throwaway key's id: marked as such, and still at most the 64 characters a key id may have. */
    static String devKeyId(String keyId) {
        String id = "dev-" + keyId;
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    @Bean
    @ConditionalOnMissingBean
    ConsentManager consentManager(
            ConsentPolicy policy, CookieConsentCodec codec, ConsentLedger ledger, ReceiptSigner signer) {
        return ConsentManager.builder(policy, codec, ledger, signer).build();
    }

    static LedgerSettings ledgerSettings(ReceiptSigner signer, ObjectProvider<ConsentLedgerCustomizer> customizers) {
        LedgerSettings.Builder settings = LedgerSettings.builder(signer);
        customizers.orderedStream().forEach(c -> c.customize(settings));
        return settings.build();
    }

    /** The JDBC ledger on the application's {@link DataSource}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataSource.class)
    @ConditionalOnBean(DataSource.class)
    static class DataSourceLedgerConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(ConsentLedger.class)
        JdbcConsentLedger consentLedger(
                DataSource dataSource,
                ConsentProperties properties,
                ReceiptSigner signer,
                ObjectProvider<ConsentLedgerCustomizer> customizers) {
            JdbcConsentLedger ledger = new JdbcConsentLedger(dataSource, ledgerSettings(signer, customizers));
            boolean initialize = switch (properties.getLedger().getInitializeSchema()) {
                case ALWAYS -> true;
                case NEVER -> false;
                case EMBEDDED -> isEmbedded(dataSource);
            };
            if (initialize) {
                ledger.initializeSchema();
            }
            LOG.info("consent4j ledger: JDBC on the application's DataSource ({})", ledger.dialect());
            return ledger;
        }

        private static boolean isEmbedded(DataSource dataSource) {
            if (ClassUtils.isPresent("org.springframework.boot.jdbc.EmbeddedDatabaseConnection", null)) {
                return org.springframework.boot.jdbc.EmbeddedDatabaseConnection.isEmbedded(dataSource);
            }
            try (Connection connection = dataSource.getConnection()) {
                String url = connection.getMetaData().getURL();
                return url != null && (url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:hsqldb:mem:"));
            } catch (SQLException e) {
                return false;
            }
        }
    }

    /** The embedded H2 file ledger when the application has no {@link DataSource}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.h2.Driver")
    @ConditionalOnMissingBean(DataSource.class)
    static class H2FileLedgerConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(ConsentLedger.class)
        JdbcConsentLedger consentLedger(
                ConsentProperties properties,
                ReceiptSigner signer,
                ObjectProvider<ConsentLedgerCustomizer> customizers) {
            Path file = properties.getLedger().getPath().toAbsolutePath();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
            } catch (IOException e) {
                throw new IllegalStateException(
                        "consent4j: consent.ledger.path '" + file + "': cannot create its directory: " + e, e);
            }
            LOG.info("consent4j ledger: embedded H2 file {}", file);
            return JdbcConsentLedger.h2File(file, ledgerSettings(signer, customizers));
        }
    }

    /** Neither a {@link DataSource} nor H2: fail with what to add. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.h2.Driver")
    @ConditionalOnMissingBean(DataSource.class)
    static class NoLedgerConfiguration {

        @Bean
        @ConditionalOnMissingBean(ConsentLedger.class)
        ConsentLedger consentLedger() {
            throw new IllegalStateException("consent4j needs a durable consent ledger and found none. Either add"
                    + " spring-boot-starter-jdbc and a database driver (the ledger then uses the application's"
                    + " DataSource), or add com.h2database:h2 for an embedded ledger file at consent.ledger.path,"
                    + " or define a ConsentLedger bean.");
        }
    }

    static ConsentPolicy readPolicy(Resource location) {
        if (!location.exists()) {
            throw new IllegalStateException(
                    "consent4j: consent.policy-location '" + location.getDescription() + "' does not exist");
        }
        try (InputStream in = location.getInputStream()) {
            return ConsentPolicy.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "consent4j: consent.policy-location '" + location.getDescription() + "' cannot be read", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "consent4j: consent.policy-location '" + location.getDescription() + "' is not a valid policy: "
                            + e.getMessage(),
                    e);
        }
    }

    static ConsentPolicy policyFromProperties(ConsentProperties.Policy p) {
        if (p.getCategories().isEmpty()) {
            throw new IllegalStateException("consent4j: no policy. Set consent.policy-location (such as"
                    + " classpath:consent-policy.json) or describe it in consent.policy.categories[0].id=necessary,"
                    + " consent.policy.links.privacy-policy, ...");
        }
        try {
            ConsentPolicy.Builder builder = ConsentPolicy.builder()
                    .version(p.getVersion())
                    .defaultLocale(p.getDefaultLocale())
                    .consentLifetimeMonths(p.getConsentLifetimeMonths())
                    .links(PolicyLinks.of(
                            p.getLinks().getPrivacyPolicy(), p.getLinks().getImprint()));
            for (int i = 0; i < p.getCategories().size(); i++) {
                ConsentProperties.Category c = p.getCategories().get(i);
                Category.Builder category = Category.builder(c.getId()).required(c.isRequired());
                c.getLabel().forEach(category::label);
                c.getDescription().forEach(category::description);
                List<GoogleConsentType> types = new ArrayList<>();
                for (String type : c.getGoogleConsentMode()) {
                    String name = "consent.policy.categories[" + i + "].google-consent-mode";
                    types.add(GoogleConsentType.fromGtagName(type)
                            .orElseThrow(() -> new IllegalStateException(
                                    "Invalid consent4j property " + name + " '" + type + "': not a Google Consent"
                                            + " Mode type such as analytics_storage or ad_storage")));
                }
                category.googleConsentMode(types.toArray(GoogleConsentType[]::new));
                builder.category(category.build());
            }
            for (ConsentProperties.Service s : p.getServices()) {
                Service.Builder service = Service.builder(s.getId(), s.getCategory());
                if (s.getName() != null) {
                    service.name(s.getName());
                }
                if (s.getProvider() != null) {
                    service.provider(s.getProvider());
                }
                s.getPurpose().forEach(service::purpose);
                if (s.getPrivacyPolicyUrl() != null) {
                    service.privacyPolicyUrl(s.getPrivacyPolicyUrl());
                }
                s.getHosts().forEach(service::host);
                for (ConsentProperties.ServiceCookie c : s.getCookies()) {
                    CookieDeclaration.Builder cookie = CookieDeclaration.builder(c.getName())
                            .lifetime(c.getLifetime())
                            .thirdParty(c.isThirdParty());
                    c.getDescription().forEach(cookie::description);
                    service.cookie(cookie.build());
                }
                builder.service(service.build());
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "consent4j: the policy in consent.policy.* is not valid: " + e.getMessage(), e);
        }
    }

    static SigningKeys cookieKeys(ConsentProperties properties) {
        List<String> entries = properties.getCookie().getKeys().stream()
                .filter(e -> e != null && !e.isBlank())
                .toList();
        if (entries.isEmpty()) {
            if (properties.isDevMode()) {
                LOG.warn("consent4j DEV MODE: signing consent cookies with a THROWAWAY key; every visitor is asked"
                        + " again after a restart. Set consent.cookie.keys in production.");
                return SigningKeys.of(SigningKey.generate("dev"));
            }
            throw new IllegalStateException("consent4j: consent.cookie.keys is missing. " + COOKIE_KEY_HINT);
        }
        List<SigningKey> keys = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                keys.add(SigningKey.parse(entries.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "Invalid consent4j property consent.cookie.keys[" + i + "]: " + e.getMessage() + ". "
                                + COOKIE_KEY_HINT,
                        e);
            }
        }
        return SigningKeys.of(keys.get(0), keys.subList(1, keys.size()));
    }
}
