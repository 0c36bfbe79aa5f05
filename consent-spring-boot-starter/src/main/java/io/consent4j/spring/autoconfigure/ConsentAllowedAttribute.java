/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.servlet.ConsentRequests;
import jakarta.servlet.http.HttpServletRequest;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * {@code consent:allowed="analytics,matomo"} and {@code consent:denied="…"} of the {@link ConsentDialect}:
 * the element, with everything in it, stays in the page only when the request's decision allows every id
 * of the list ({@code allowed}), or does not allow at least one of them ({@code denied}); the attribute
 * itself is never written out. Deny by default: an unknown id, an empty list and a request the filter did
 * not see allow nothing.
 */
final class ConsentAllowedAttribute extends AbstractAttributeTagProcessor {

    private final boolean keepWhenAllowed;

    ConsentAllowedAttribute(String dialectPrefix, String attributeName, boolean keepWhenAllowed) {
        super(TemplateMode.HTML, dialectPrefix, null, false, attributeName, true, 0, true);
        this.keepWhenAllowed = keepWhenAllowed;
    }

    @Override
    protected void doProcess(
            ITemplateContext context,
            IProcessableElementTag tag,
            AttributeName attributeName,
            String attributeValue,
            IElementTagStructureHandler structureHandler) {
        if (allowed(ThymeleafRequests.current(context), ThymeleafRequests.value(context, attributeValue))
                != keepWhenAllowed) {
            structureHandler.removeElement();
        }
    }

    /** Whether every id of the comma-separated {@code ids} is allowed; false for none. */
    static boolean allowed(HttpServletRequest request, String ids) {
        if (request == null || ids == null) {
            return false;
        }
        boolean any = false;
        for (String id : ids.split(",")) {
            if (!id.isBlank()) {
                if (!ConsentRequests.allowed(request, id.strip())) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}
