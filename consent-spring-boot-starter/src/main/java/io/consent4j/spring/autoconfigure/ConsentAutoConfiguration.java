/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.assets.BannerAssets;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.PurgeableConsentLedger;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.GoogleConsentType;
import io.consent4j.core.policy.PolicyLinks;
import io.consent4j.core.policy.Service;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.servlet.AccountReferenceResolver;
import io.consent4j.servlet.AgeBandResolver;
import io.consent4j.servlet.ConsentAssembly;
import io.consent4j.servlet.ConsentSettings;
import io.consent4j.servlet.ConsentSettingsBuilder;
import io.consent4j.servlet.CookieDropListener;
import io.consent4j.servlet.DecisionListener;
import io.consent4j.servlet.ParentalLinkSender;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Creates consent4j's core beans from the {@code consent4j.*} properties, through the one assembly that
 * the plain-servlet setup uses too: the properties and the application's hooks become a
 * {@link ConsentSettings} bean, and each bean here is one step of {@link ConsentAssembly} on it: the
 * policy, the cookie codec, the receipt signer, the ledger (the application's {@code DataSource}, else an
 * H2 file, unless {@code consent4j.ledger.store} says otherwise) and the {@link ConsentManager}; then the
 * {@link ConsentAssembly} around that manager, whose parts the servlet and retention configurations
 * expose. Each bean backs off when the application defines its own, and the steps after it use the
 * application's.
 *
 * <p>The application's {@link AgeBandResolver}, {@link AccountReferenceResolver}, {@link ParentalLinkSender},
 * {@link DecisionListener} and {@link CookieDropListener} beans go into the settings, and {@link ConsentSettingsCustomizer} beans
 * adjust them last.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(ConsentProperties.class)
public class ConsentAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConsentSettings consentSettings(
            ConsentProperties properties,
            ApplicationContext context,
            ObjectProvider<DataSource> dataSource,
            ObjectProvider<AgeBandResolver> ageBands,
            ObjectProvider<AccountReferenceResolver> accountReferences,
            ObjectProvider<ParentalLinkSender> parentalLinks,
            ObjectProvider<DecisionListener> decisionListeners,
            ObjectProvider<CookieDropListener> cookieDropListeners,
            ObjectProvider<ConsentLedgerCustomizer> ledgerCustomizers,
            ObjectProvider<ConsentSettingsCustomizer> customizers) {
        ClassLoader classLoader = context.getClassLoader();
        ConsentSettingsBuilder settings = settings(properties, classLoader);
        DataSource applications = dataSource.getIfUnique();
        settings.dataSource(applications);
        if (properties.getLedger().getStore() == null) {
            // The starter's default store: the application's database, else an embedded file.
            if (applications != null) {
                settings.ledgerStore(ConsentSettings.LedgerStore.DATASOURCE);
            } else if (ClassUtils.isPresent("org.h2.Driver", classLoader)) {
                settings.ledgerStore(ConsentSettings.LedgerStore.H2);
            }
        }
        settings.auditContainerAuthentication(AuditEndpointCondition.springSecurityPresent(classLoader));
        settings.ledgerCustomizer(builder -> ledgerCustomizers.orderedStream().forEach(c -> c.customize(builder)));
        ageBands.ifAvailable(settings::ageBandResolver);
        accountReferences.ifAvailable(settings::accountReferenceResolver);
        parentalLinks.ifAvailable(settings::parentalLinkSender);
        decisionListeners.orderedStream().forEach(settings::decisionListener);
        cookieDropListeners.orderedStream().forEach(settings::cookieDropListener);
        customizers.orderedStream().forEach(c -> c.customize(settings));
        return settings.build();
    }

    /** The settings that the properties alone give: a translation, name by name. */
    static ConsentSettingsBuilder settings(ConsentProperties p, ClassLoader classLoader) {
        ConsentSettingsBuilder settings = ConsentSettings.builder()
                .classLoader(classLoader)
                .devMode(p.isDevMode())
                .policyLocation(p.getPolicy().getLocation())
                .policyStrict(p.getPolicy().isStrict())
                .cookieKeys(p.getCookie().getKeys())
                .cookieName(p.getCookie().getName())
                .cookieSecure(p.getCookie().getSecure())
                .cookieDomain(p.getCookie().getDomain())
                .cookiePath(p.getCookie().getPath())
                .undeclaredCookies(p.getCookie().getUndeclared())
                .receiptKey(p.getReceipt().getKey())
                .receiptKeyId(p.getReceipt().getKeyId())
                .ledgerStore(p.getLedger().getStore())
                .ledgerPath(p.getLedger().getPath())
                .ledgerJndiName(p.getLedger().getJndiName())
                .initializeSchema(p.getLedger().getInitializeSchema())
                .retention(p.getLedger().getRetention())
                .retentionInterval(p.getLedger().getRetentionInterval())
                .parentalLinkLifetime(p.getParental().getLinkLifetime())
                .accountRestore(p.getAccount().isRestore())
                .accountCheckInterval(p.getAccount().getCheckInterval())
                .filterEnabled(p.getFilter().isEnabled())
                .filterUrlPatterns(p.getFilter().getUrlPatterns())
                .endpointPath(p.getEndpoint().getPath())
                .rateLimitPosts(p.getEndpoint().getRateLimit().getPosts())
                .rateLimitWindow(p.getEndpoint().getRateLimit().getWindow())
                .auditPath(p.getAudit().getPath())
                .auditTokenHashes(p.getAudit().getTokenHashes())
                .auditMaxRange(p.getAudit().getMaxRange())
                .assetsPath(BannerAssets.BASE_PATH)
                .cspNonceAttribute(p.getCsp().getNonceAttribute());
        if (p.getPolicy().getLocation() == null
                && !p.getPolicy().getCategories().isEmpty()) {
            settings.policy(policyFromProperties(p.getPolicy()));
        }
        return settings;
    }

    @Bean
    @ConditionalOnMissingBean
    ConsentPolicy consentPolicy(ConsentSettings settings, ObjectProvider<ConsentPolicyCustomizer> customizers) {
        if (settings.policy() == null && settings.policyLocation() == null) {
            throw new IllegalStateException("consent4j: no policy. Set consent4j.policy.location (such as"
                    + " classpath:consent-policy.json), describe it in consent4j.policy.categories[0].id=necessary,"
                    + " consent4j.policy.links.privacy-policy, ..., or define a ConsentPolicy bean");
        }
        ConsentPolicy policy = ConsentAssembly.policy(settings);
        for (ConsentPolicyCustomizer customizer : customizers.orderedStream().toList()) {
            policy = customizer.customize(policy);
        }
        return policy;
    }

    @Bean
    @ConditionalOnMissingBean
    CookieConsentCodec consentCookieCodec(ConsentSettings settings) {
        return ConsentAssembly.cookieCodec(settings);
    }

    @Bean
    @ConditionalOnMissingBean
    ReceiptSigner consentReceiptSigner(ConsentSettings settings) {
        return ConsentAssembly.receiptSigner(settings);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(ConsentLedger.class)
    PurgeableConsentLedger consentLedger(ConsentSettings settings, ReceiptSigner signer) {
        if (settings.ledgerStore() == null) {
            throw new IllegalStateException("consent4j needs a durable consent ledger and found none. Either add"
                    + " spring-boot-starter-jdbc and a database driver (the ledger then uses the application's"
                    + " DataSource), or add com.h2database:h2 for an embedded ledger file at consent4j.ledger.path,"
                    + " or set consent4j.ledger.store, or define a ConsentLedger bean.");
        }
        return ConsentAssembly.ledger(settings, signer);
    }

    @Bean
    @ConditionalOnMissingBean
    ConsentManager consentManager(
            ConsentSettings settings,
            ConsentPolicy policy,
            CookieConsentCodec codec,
            ConsentLedger ledger,
            ReceiptSigner signer) {
        return ConsentAssembly.manager(settings, policy, codec, ledger, signer);
    }

    /** The rest of consent4j around the manager; its retention job starts with the retention configuration. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ConsentAssembly consentAssembly(ConsentSettings settings, ConsentManager manager) {
        return ConsentAssembly.of(settings, manager);
    }

    /** The policy described in {@code consent4j.policy.*} (Spring Boot only): a translation, field by field. */
    static ConsentPolicy policyFromProperties(ConsentProperties.Policy p) {
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
                    String name = "consent4j.policy.categories[" + i + "].google-consent-mode";
                    types.add(GoogleConsentType.fromGtagName(type)
                            .orElseThrow(
                                    () -> new IllegalStateException(name + " '" + type + "' is not a Google Consent"
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
            throw new IllegalStateException("the policy in consent4j.policy.* is not valid: " + e.getMessage(), e);
        }
    }
}
