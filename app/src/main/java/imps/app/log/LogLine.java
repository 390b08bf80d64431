package imps.app.log;

import io.vertx.core.json.JsonObject;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How one log event is written (docs/operations.md "Logs"): {@code text}, one human-readable line
 * ({@code time [thread] LEVEL logger - message}, a stack trace on the lines after it), or
 * {@code json}, one JSON object per line with {@code time}, {@code level}, {@code logger},
 * {@code thread}, {@code message} and {@code error} (the stack trace), for log collectors.
 */
public final class LogLine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static volatile boolean json;

    private LogLine() {
    }

    /** Chooses the format of every line written from now on ({@code log.format}). */
    public static void json(boolean on) {
        json = on;
    }

    static String format(long millis, String level, String logger, String thread, String message, Throwable error) {
        String time = TIME.format(java.time.Instant.ofEpochMilli(millis));
        if (json) {
            JsonObject line = new JsonObject().put("time", time).put("level", level).put("logger", logger)
                    .put("thread", thread).put("message", message);
            if (error != null) {
                line.put("error", stackTrace(error));
            }
            return line.encode();
        }
        String line = time + " [" + thread + "] " + level + " " + logger + " - " + message;
        return error == null ? line : line + System.lineSeparator() + stackTrace(error).stripTrailing();
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
