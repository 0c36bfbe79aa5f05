/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.web.servlet.IServletWebExchange;

/**
 * What the {@link ConsentDialect}'s processors read from the template context: the servlet request being
 * rendered, and attribute values, literal or Thymeleaf expressions.
 */
final class ThymeleafRequests {

    private ThymeleafRequests() {}

    /**
     * The servlet request of a web context (Spring MVC's, or one a test or a site builds with
     * {@code JakartaServletWebApplication}), else the one Spring MVC handles on this thread, else null.
     */
    static HttpServletRequest current(ITemplateContext context) {
        if (context instanceof IWebContext web
                && web.getExchange() instanceof IServletWebExchange exchange
                && exchange.getNativeRequestObject() instanceof HttpServletRequest request) {
            return request;
        }
        return ConsentTemplates.currentRequest();
    }

    /** {@link #current}, which markup cannot do without. */
    static HttpServletRequest require(ITemplateContext context) {
        HttpServletRequest request = current(context);
        if (request == null) {
            throw new TemplateProcessingException(
                    "consent4j's <consent:...> elements need a servlet request; render the template for one");
        }
        return request;
    }

    /**
     * {@code raw} stripped, or, when it starts like an expression ({@code ${}, {@code *{}, {@code #{},
     * {@code @{}, {@code ~{}, {@code '} or {@code |}), what the expression gives; null for blank or null.
     */
    static String value(ITemplateContext context, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (!isExpression(value)) {
            return value;
        }
        Object result = StandardExpressions.getExpressionParser(context.getConfiguration())
                .parseExpression(context, value)
                .execute(context);
        return result == null || result.toString().isBlank()
                ? null
                : result.toString().strip();
    }

    private static boolean isExpression(String value) {
        char first = value.charAt(0);
        if (first == '\'' || first == '|') {
            return true;
        }
        return value.length() > 1 && value.charAt(1) == '{' && "$*#@~".indexOf(first) >= 0;
    }
}
