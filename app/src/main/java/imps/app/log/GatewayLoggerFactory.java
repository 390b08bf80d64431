package imps.app.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's loggers. Levels come from {@code simplelogger.properties} in the jar, overridden by
 * system properties of the same names: {@code org.slf4j.simpleLogger.defaultLogLevel} and
 * {@code org.slf4j.simpleLogger.log.<logger name prefix>}, each {@code trace} … {@code error} or
 * {@code off}; the longest matching prefix wins.
 */
final class GatewayLoggerFactory implements ILoggerFactory {
    private static final String PREFIX = "org.slf4j.simpleLogger.";
    private static final int OFF = Level.ERROR.toInt() + 10;
    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final Properties settings = new Properties();

    GatewayLoggerFactory() {
        try (InputStream in = GatewayLoggerFactory.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                settings.load(in);
            }
        } catch (IOException e) {
            System.err.println("simplelogger.properties unreadable, default levels used: " + e.getMessage());
        }
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new GatewayLogger(n, threshold(n)));
    }

    private int threshold(String name) {
        String value = null;
        for (String prefix = name; value == null && !prefix.isEmpty(); prefix = parent(prefix)) {
            value = setting("log." + prefix);
        }
        if (value == null) {
            value = setting("defaultLogLevel");
        }
        return level(value == null ? "info" : value);
    }

    private String setting(String key) {
        String v = System.getProperty(PREFIX + key);
        return v != null ? v : settings.getProperty(PREFIX + key);
    }

    private static String parent(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    private static int level(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE.toInt();
            case "debug" -> Level.DEBUG.toInt();
            case "warn" -> Level.WARN.toInt();
            case "error" -> Level.ERROR.toInt();
            case "off" -> OFF;
            default -> Level.INFO.toInt();
        };
    }
}
