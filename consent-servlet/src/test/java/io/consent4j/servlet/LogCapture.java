/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what the filter (or another class) logs, from any thread, while open. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts recording. */
    static LogCapture start() {
        return new LogCapture(ConsentFilter.class);
    }

    /** Starts recording what {@code source} logs. */
    static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    /** Every formatted message so far, of any level. */
    List<String> messages() {
        synchronized (appender) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /** The formatted warnings so far. */
    List<String> warnings() {
        // Appending is synchronized on the appender; reading under the same lock sees every event.
        synchronized (appender) {
            return appender.list.stream()
                    .filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /** The warnings that mention {@code text}. */
    List<String> warningsMentioning(String text) {
        return warnings().stream().filter(w -> w.contains(text)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
