/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.servletsite;

import io.consent4j.servlet.HeadMarkup;
import io.consent4j.servlet.NoScriptBanner;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The site's pages, written as plain strings to stay small: the course list, a course page with the
 * gated video and analytics script, the player, privacy policy and imprint. {@code ?lang=en} switches
 * to English; German is the default.
 */
final class Pages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Course id to German and English title. */
    private static final Map<String, String[]> COURSES = Map.of(
            "bruchrechnung", new String[] {"Bruchrechnung für die 6. Klasse", "Fractions for year 6"},
            "fotosynthese", new String[] {"Fotosynthese verstehen", "Understanding photosynthesis"});

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String lang = "en".equals(request.getParameter("lang")) ? "en" : "de";
        boolean en = lang.equals("en");
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String title;
        String main;
        if (path.isEmpty() || path.equals("/")) {
            title = en ? "Our courses" : "Unsere Kurse";
            StringBuilder list = new StringBuilder("<ul>");
            COURSES.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(c -> list.append("<li><a href=\"/kurs/")
                            .append(c.getKey())
                            .append("?lang=")
                            .append(lang)
                            .append("\">")
                            .append(c.getValue()[en ? 1 : 0])
                            .append("</a></li>"));
            main = "<h1>" + title + "</h1>" + list + "</ul>";
        } else if (path.startsWith("/kurs/") && COURSES.containsKey(path.substring(6))) {
            String id = path.substring(6);
            title = COURSES.get(id)[en ? 1 : 0];
            main = "<h1>" + title + "</h1>\n"
                    + "<iframe class=\"video\" width=\"640\" height=\"360\" data-consent=\"functional\""
                    + " data-service=\"course-video\" data-consent-src=\"/video/" + id + "?lang=" + lang + "\""
                    + " title=\"" + (en ? "Course video: " : "Kursvideo: ") + title + "\"></iframe>\n"
                    + "<p>" + (en ? "Five exercises follow the video." : "Nach dem Video warten fünf Übungen auf dich.")
                    + "</p>";
        } else if (path.startsWith("/video/") && COURSES.containsKey(path.substring(7))) {
            String id = path.substring(7);
            page(response, lang, COURSES.get(id)[en ? 1 : 0], """
                    <!doctype html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head>
                    <body style="margin:0;background:#111;color:#fff;font-family:sans-serif">
                    <div id="player" style="height:100vh;display:flex;align-items:center;justify-content:center">
                    ▶ %s</div><script src="/js/player.js"></script></body></html>
                    """.formatted(
                            lang, COURSES.get(id)[en ? 1 : 0], COURSES.get(id)[en ? 1 : 0]));
            return;
        } else if (path.equals("/datenschutz")) {
            title = en ? "Privacy policy" : "Datenschutz";
            main = "<h1>" + title + "</h1><p>"
                    + (en
                            ? "A demo site. The cookie settings list every service and cookie."
                            : "Eine Demo-Seite. Die Cookie-Einstellungen nennen jeden Dienst und jedes Cookie.")
                    + "</p>";
        } else if (path.equals("/impressum")) {
            title = en ? "Imprint" : "Impressum";
            main = "<h1>" + title + "</h1><address>Lernwelt Demo gGmbH<br>Musterstraße 1<br>10115 Berlin</address>";
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        NoScriptBanner banner = NoScriptBanner.installed(request);
        page(response, lang, title, """
                <!doctype html>
                <html lang="%1$s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%2$s – Lernwelt</title>
                %3$s
                </head>
                <body>
                %11$s
                <header><a href="/?lang=%1$s">Lernwelt</a> · <a href="%4$s?lang=%5$s">%6$s</a></header>
                <main>
                %7$s
                </main>
                <footer>
                <a href="/datenschutz?lang=%1$s">%8$s</a> · <a href="/impressum?lang=%1$s">%9$s</a> ·
                <a href="%12$s" data-consent-open>%10$s</a>
                %13$s
                </footer>
                <script type="text/plain" data-consent="analytics" data-service="matomo" data-src="/js/analytics.js"></script>
                </body>
                </html>
                """.formatted(
                        lang,
                        title,
                        HeadMarkup.render(request, lang),
                        path.isEmpty() ? "/" : path,
                        en ? "de" : "en",
                        en ? "Deutsch" : "English",
                        main,
                        en ? "Privacy policy" : "Datenschutz",
                        en ? "Imprint" : "Impressum",
                        en ? "Cookie settings" : "Cookie-Einstellungen",
                        banner.html(request, lang),
                        banner.settingsUrl(request, lang).replace("&", "&amp;"),
                        banner.withdrawControl(request, lang)));
    }

    private static void page(HttpServletResponse response, String lang, String title, String html) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Language", lang);
        response.getWriter().write(html);
    }
}
