package imps.transport.tcpcir;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

import java.util.function.Consumer;

/**
 * Splits what a TCP CIR connection receives into lines ending with LF (CR LF in practice) and hands
 * each on as a {@link CirLine}. A line longer than {@code maxLineLength} bytes, which bounds what a
 * peer can make the gateway buffer, is reported to {@code overlong} once, and nothing after it is
 * read: however the bytes were cut into reads, whether its LF came in the same read or not yet.
 * While paused, complete lines wait in order; what waits is bounded by the same limit.
 */
final class CirLineReader implements Handler<Buffer> {
    private final int maxLineLength;
    private final Consumer<CirLine> lines;
    private final Runnable overlong;
    private final RecordParser parser;
    private boolean failed;

    CirLineReader(int maxLineLength, Consumer<CirLine> lines, Runnable overlong) {
        this.maxLineLength = maxLineLength;
        this.lines = lines;
        this.overlong = overlong;
        // The parser's own bound only sees a line still waiting for its LF; a complete one is checked below.
        this.parser = RecordParser.newDelimited("\n", this::line).maxRecordSize(maxLineLength);
        parser.exceptionHandler(tooLong -> fail());
    }

    @Override
    public void handle(Buffer received) {
        if (!failed) {
            parser.handle(received);
        }
    }

    /** Holds back the lines after the current one until {@link #resume()}. */
    void pause() {
        parser.pause();
    }

    /** Hands on the lines held back, then each line as it comes. */
    void resume() {
        parser.resume();
    }

    private void line(Buffer raw) {
        if (failed) {
            return;
        }
        if (raw.length() > maxLineLength) {
            fail();
        } else {
            lines.accept(CirLine.of(raw));
        }
    }

    private void fail() {
        if (!failed) {
            failed = true;
            overlong.run();
        }
    }
}
