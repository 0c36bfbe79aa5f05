/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.thymeleaf.dialect.IExpressionObjectDialect;

/**
 * With Thymeleaf, registers the {@link ConsentDialect}: the {@code consent:} elements and attributes and the
 * {@code #consent} expression object.
 */
@AutoConfiguration(
        after = ConsentServletAutoConfiguration.class,
        beforeName = "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(IExpressionObjectDialect.class)
@ConditionalOnBean(ConsentTemplates.class)
public class ConsentThymeleafAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConsentDialect consentDialect(ConsentTemplates templates) {
        return new ConsentDialect(templates);
    }
}
