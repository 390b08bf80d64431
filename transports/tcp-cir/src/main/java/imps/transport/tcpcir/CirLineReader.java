package imps.transport.tcpcir;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

import java.util.function.Consumer;

/**
 * Splits what a TCP CIR connection receives into lines ending with LF (CR LF in practice) and hands
 * each on as a {@link CirLine}; a line longer than {@code maxLineLength} bytes, which bounds what a
 * peer can make the gateway buffer, is reported to {@code overlong} instead.
 */
final class CirLineReader implements Handler<Buffer> {
    private final RecordParser parser;

    CirLineReader(int maxLineLength, Consumer<CirLine> lines, Runnable overlong) {
        parser = RecordParser.newDelimited("\n", raw -> lines.accept(CirLine.of(raw))).maxRecordSize(maxLineLength);
        parser.exceptionHandler(tooLong -> overlong.run());
    }

    @Override
    public void handle(Buffer received) {
        parser.handle(received);
    }
}
