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
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * The Thymeleaf dialect that gives templates the {@code #consent} expression object, the
 * {@link ConsentTemplates} of the request: {@code th:if="${#consent.allowed('analytics')}"},
 * {@code th:utext="${#consent.head()}"} in {@code <head>}, {@code th:utext="${#consent.banner()}"} at the
 * start of {@code <body>}.
 */
final class ConsentDialect extends AbstractDialect implements IExpressionObjectDialect {

    /** The expression object's name. */
    public static final String EXPRESSION_OBJECT = "consent";

    private final ConsentTemplates templates;

    ConsentDialect(ConsentTemplates templates) {
        super("consent4j");
        this.templates = Objects.requireNonNull(templates, "templates");
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
