/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;
import org.unbescape.html.HtmlEscape;

/**
 * {@code <a consent:settings-link="${lang}">} of the {@link ConsentDialect}: the link to the settings page
 * in the given language (empty: negotiated), with {@code data-consent-open}, so that the banner script
 * opens the settings in place and, without JavaScript, the page shows them (C13).
 */
final class ConsentSettingsLinkAttribute extends AbstractAttributeTagProcessor {

    private final ConsentTemplates templates;

    ConsentSettingsLinkAttribute(String dialectPrefix, ConsentTemplates templates) {
        super(TemplateMode.HTML, dialectPrefix, null, false, "settings-link", true, 0, true);
        this.templates = templates;
    }

    @Override
    protected void doProcess(
            ITemplateContext context,
            IProcessableElementTag tag,
            AttributeName attributeName,
            String attributeValue,
            IElementTagStructureHandler structureHandler) {
        String url = templates.settingsUrl(
                ThymeleafRequests.require(context), ThymeleafRequests.value(context, attributeValue));
        // Attribute values set here are written as they are: escaped as th:href escapes them, with the
        // escaper Thymeleaf itself uses.
        structureHandler.setAttribute("href", HtmlEscape.escapeHtml4Xml(url));
        structureHandler.setAttribute("data-consent-open", "");
    }
}
