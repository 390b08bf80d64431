package imps.app.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger writing {@link LogLine}s to standard error, at or above its level. */
final class GatewayLogger extends LegacyAbstractLogger {
    private final int threshold;

    /** {@code threshold}: the lowest SLF4J level int written; above {@link Level#ERROR} writes nothing. */
    GatewayLogger(String name, int threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    private boolean on(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return on(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        var formatted = MessageFormatter.basicArrayFormat(pattern, arguments);
        String line = LogLine.format(System.currentTimeMillis(), level.name(), name, Thread.currentThread().getName(),
                formatted, throwable);
        System.err.println(line);
    }
}
