/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A course of the catalogue, with German and English texts.
 *
 * @param id the URL id
 * @param titleDe the German title
 * @param titleEn the English title
 * @param summaryDe the German summary
 * @param summaryEn the English summary
 * @param minutes the video's length in minutes
 */
record Course(String id, String titleDe, String titleEn, String summaryDe, String summaryEn, int minutes) {

    static final List<Course> CATALOGUE = List.of(
            new Course(
                    "bruchrechnung",
                    "Bruchrechnung für die 6. Klasse",
                    "Fractions for year 6",
                    "Brüche kürzen, erweitern und vergleichen, mit Übungen nach jeder Lektion.",
                    "Simplify, expand and compare fractions, with exercises after every lesson.",
                    12),
            new Course(
                    "fotosynthese",
                    "Fotosynthese verstehen",
                    "Understanding photosynthesis",
                    "Wie Pflanzen aus Licht, Wasser und Kohlendioxid Zucker machen.",
                    "How plants make sugar from light, water and carbon dioxide.",
                    9),
            new Course(
                    "python-einstieg",
                    "Programmieren mit Python: der Einstieg",
                    "Programming with Python: first steps",
                    "Variablen, Schleifen und die erste eigene Funktion, Schritt für Schritt.",
                    "Variables, loops and your first function, step by step.",
                    18));

    /** The courses made for school children: their pages are child-facing (C28). */
    static final Set<String> SCHOOL = Set.of("bruchrechnung");

    static Optional<Course> find(String id) {
        return CATALOGUE.stream().filter(c -> c.id.equals(id)).findFirst();
    }

    public String title(String lang) {
        return "en".equals(lang) ? titleEn : titleDe;
    }

    public String summary(String lang) {
        return "en".equals(lang) ? summaryEn : summaryDe;
    }
}
