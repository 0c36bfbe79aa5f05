/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.util.Map;

/**
 * The parent's wording of the parental-consent pages (C28), in German and English; other languages get
 * English. Built in rather than policy texts: they speak to a parent about a child, not to the visitor.
 */
final class ParentTexts {

    private static final Map<String, String> DE = Map.of(
            "title", "Einwilligung eines Elternteils",
            "intro",
                    "Ihr Kind möchte diese Lernplattform nutzen und hat Sie um Ihre Einwilligung gebeten."
                            + " Kinder unter 16 Jahren brauchen dafür die Einwilligung eines Elternteils."
                            + " Entscheiden Sie hier für Ihr Kind, welche Kategorien aktiv sein dürfen.",
            "accept_all", "Alle für mein Kind erlauben",
            "reject_all", "Nur notwendige für mein Kind",
            "save", "Auswahl für mein Kind speichern",
            "done",
                    "Danke. Ihre Entscheidung ist gespeichert und gilt beim nächsten Seitenaufruf auf dem Gerät"
                            + " Ihres Kindes. Sie können sie mit einem neuen Link jederzeit ändern.",
            "invalid", "Dieser Link ist ungültig. Bitten Sie Ihr Kind um einen neuen Link.",
            "expired", "Dieser Link ist abgelaufen. Bitten Sie Ihr Kind um einen neuen Link.",
            "used", "Dieser Link wurde bereits verwendet. Bitten Sie Ihr Kind um einen neuen Link.",
            "limits",
                    "Mit Ihrer Auswahl bestätigen Sie, dass Sie ein Elternteil oder Sorgeberechtigter des Kindes"
                            + " sind. Der Link enthält keine Angaben zu Ihnen oder Ihrem Kind.");

    private static final Map<String, String> EN = Map.of(
            "title", "A parent's consent",
            "intro",
                    "Your child wants to use this learning platform and asked for your consent. Children under 16"
                            + " need a parent's consent for it. Decide here, for your child, which categories may be"
                            + " active.",
            "accept_all", "Allow all for my child",
            "reject_all", "Only necessary for my child",
            "save", "Save the choice for my child",
            "done",
                    "Thank you. Your choice is saved and applies from the next page view on your child's device."
                            + " You can change it at any time with a new link.",
            "invalid", "This link is not valid. Ask your child for a new link.",
            "expired", "This link has expired. Ask your child for a new link.",
            "used", "This link has been used already. Ask your child for a new link.",
            "limits",
                    "By choosing you confirm that you are a parent or guardian of the child. The link holds no"
                            + " data about you or your child.");

    private ParentTexts() {}

    /** The texts of {@code locale}: German for {@code de…}, English otherwise. */
    static Map<String, String> of(String locale) {
        return locale != null && locale.startsWith("de") ? DE : EN;
    }
}
