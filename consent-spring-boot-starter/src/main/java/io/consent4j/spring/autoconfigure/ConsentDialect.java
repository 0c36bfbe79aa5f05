/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import java.util.Objects;
import java.util.Set;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.dialect.IProcessorDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.processor.StandardXmlNsTagProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * The Thymeleaf dialect of consent4j, prefix {@code consent} (namespace {@value #NAMESPACE}), for the
 * request being rendered:
 *
 * <ul>
 *   <li>{@code <consent:head/>} in {@code <head>}: the configuration data block, {@code consent-mode.js}
 *       with Google Consent Mode, {@code consent.js} and {@code consent.css};
 *   <li>{@code <consent:banner/>} (or {@code <consent:noscript/>}) at the start of {@code <body>}: the
 *       server-rendered first layer, a form that works without JavaScript, empty once the visitor chose;
 *   <li>{@code <consent:withdraw/>}: the one-click withdrawal control (C14);
 *   <li>{@code consent:settings-link} on an {@code <a>}: its {@code href} to the settings page and
 *       {@code data-consent-open} (C13);
 *   <li>{@code consent:allowed="analytics"} on any element: the element stays only when the visitor allowed
 *       every id of the comma-separated list (categories or services); {@code consent:denied} is its
 *       opposite, the element stays only when at least one of them is not allowed.
 * </ul>
 *
 * <p>The elements take the page's language in {@code lang} ({@code lang="de"}, {@code lang="${lang}"});
 * without it, it is negotiated from {@code ?lang=} and {@code Accept-Language}. Attribute values that start
 * like a Thymeleaf expression ({@code ${…}}, {@code *{…}}, {@code '…'}) are evaluated. The dialect also
 * gives templates the {@code #consent} expression object, the {@link ConsentTemplates} of the request, for
 * conditions such as {@code th:if="${#consent.allowed('analytics')}"}. Its processors run after those of the
 * Standard dialect on the same element, so {@code th:each} and {@code th:with} variables can be used.
 */
final class ConsentDialect extends AbstractDialect implements IExpressionObjectDialect, IProcessorDialect {

    /** The expression object's name. */
    public static final String EXPRESSION_OBJECT = "consent";

    /** The prefix of the dialect's elements and attributes. */
    public static final String PREFIX = "consent";

    /** The namespace templates may declare for the prefix ({@code xmlns:consent}); it is not written out. */
    public static final String NAMESPACE = "https://consent4j.io/thymeleaf";

    /** After the Standard dialect, whose {@code th:each}, {@code th:if} and {@code th:with} go first. */
    static final int PRECEDENCE = StandardDialect.PROCESSOR_PRECEDENCE + 100;

    private final ConsentTemplates templates;

    ConsentDialect(ConsentTemplates templates) {
        super("consent4j");
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    @Override
    public String getPrefix() {
        return PREFIX;
    }

    @Override
    public int getDialectProcessorPrecedence() {
        return PRECEDENCE;
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        return Set.of(
                new StandardXmlNsTagProcessor(TemplateMode.HTML, dialectPrefix),
                new ConsentMarkupElement(dialectPrefix, "head", templates::head),
                new ConsentMarkupElement(dialectPrefix, "banner", templates::banner),
                new ConsentMarkupElement(dialectPrefix, "noscript", templates::banner),
                new ConsentMarkupElement(dialectPrefix, "withdraw", templates::withdraw),
                new ConsentSettingsLinkAttribute(dialectPrefix, templates),
                new ConsentAllowedAttribute(dialectPrefix, "allowed", true),
                new ConsentAllowedAttribute(dialectPrefix, "denied", false));
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(EXPRESSION_OBJECT);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return EXPRESSION_OBJECT.equals(expressionObjectName) ? templates : null;
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }
}
