package org.example.learnsite;

import io.consent4j.servlet.HeadMarkup;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A course page with the banner in its head. Its analytics sets a Matomo cookie on every view, without asking:
 * the consent filter lets it through only for visitors who allowed analytics.
 */
public class CourseServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Cookie visitor = new Cookie("_pk_id.1.abcd", "visitor");
        visitor.setPath(request.getContextPath() + "/");
        response.addCookie(visitor);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter()
                .write("<!DOCTYPE html><html lang=\"de\"><head><title>Bruchrechnung</title>"
                        + HeadMarkup.render(request)
                        + "</head><body><h1>Bruchrechnung</h1></body></html>");
    }
}
