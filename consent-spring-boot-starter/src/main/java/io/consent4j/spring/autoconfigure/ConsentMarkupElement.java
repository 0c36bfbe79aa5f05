/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.BiFunction;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.element.AbstractElementTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * An element of the {@link ConsentDialect}, such as {@code <consent:head lang="${lang}"/>}, replaced by the
 * markup of {@link ConsentTemplates} for the request, in the language of its {@code lang} attribute.
 */
final class ConsentMarkupElement extends AbstractElementTagProcessor {

    private final BiFunction<HttpServletRequest, String, String> markup;

    ConsentMarkupElement(
            String dialectPrefix, String elementName, BiFunction<HttpServletRequest, String, String> markup) {
        super(TemplateMode.HTML, dialectPrefix, elementName, true, null, false, 0);
        this.markup = markup;
    }

    @Override
    protected void doProcess(
            ITemplateContext context, IProcessableElementTag tag, IElementTagStructureHandler structureHandler) {
        String locale = ThymeleafRequests.value(context, tag.getAttributeValue("lang"));
        // Not processable: the markup is consent4j's, escaped already, and holds nothing for Thymeleaf.
        structureHandler.replaceWith(markup.apply(ThymeleafRequests.require(context), locale), false);
    }
}
