package imps.transport.tcpcir;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CirLineReaderTest {
    private static final int MAX = 256;
    private static final String OVERLONG = "overlong";

    private static List<Object> read(String... reads) {
        List<Object> events = new ArrayList<>();
        CirLineReader reader = new CirLineReader(MAX, events::add, () -> events.add(OVERLONG));
        for (String r : reads) {
            reader.handle(Buffer.buffer(r.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return events;
    }

    @Test
    void linesInOneReadOrSplitAnywhereGiveTheSameLines() {
        List<Object> expected = List.of(new CirLine.Helo("S-1"), new CirLine.Ping(), new CirLine.Ping(), new CirLine.Other());
        assertEquals(expected, read("HELO S-1\r\nPING\r\nPING \nQUIT\r\n"));
        assertEquals(expected, read("HE", "LO  S-1 \r", "\nPING\r\nPI", "NG \nQUIT\r\n", "unfinished"));
        assertEquals(List.of(new CirLine.Other(), new CirLine.Other()), read("HELO \r\nHELO\r\n"));
    }

    /**
     * Found by fuzzing: a line over the limit that arrived with its LF in the same read was handed on
     * as a line (the parser's bound only sees a line still waiting for its LF), and one split across
     * reads was reported and then handed on all the same, together with the lines after it.
     */
    @Test
    void aLineOverTheLimitEndsTheReadingHoweverItArrives() {
        String atLimit = "HELO " + "x".repeat(MAX - 6) + "\r\n";
        String overLimit = "HELO " + "x".repeat(MAX - 5) + "\r\n";
        assertEquals(List.of(new CirLine.Helo("x".repeat(MAX - 6)), new CirLine.Ping()), read(atLimit + "PING\r\n"));
        assertEquals(List.of(new CirLine.Helo("S-1"), OVERLONG), read("HELO S-1\r\n" + overLimit + "PING\r\n"));
        assertEquals(List.of(new CirLine.Helo("S-1"), OVERLONG),
                read("HELO S-1\r\n" + overLimit.substring(0, 200), overLimit.substring(200) + "PING\r\n", "PING\r\n"));
        assertEquals(List.of(OVERLONG), read("A".repeat(MAX + 1), "\r\nPING\r\n"));
    }

    /** A HELO being checked holds back the lines written with it; they come in order once it is done. */
    @Test
    void linesAfterAPauseWaitAndComeInOrder() {
        List<Object> events = new ArrayList<>();
        CirLineReader[] reader = new CirLineReader[1];
        reader[0] = new CirLineReader(MAX, line -> {
            events.add(line);
            if (line instanceof CirLine.Helo) {
                reader[0].pause();
            }
        }, () -> events.add(OVERLONG));
        reader[0].handle(Buffer.buffer("HELO S-1\r\nPING\r\nPI"));
        reader[0].handle(Buffer.buffer("NG\r\n"));
        assertEquals(List.of(new CirLine.Helo("S-1")), events, "nothing after the HELO while it is checked");
        reader[0].resume();
        assertEquals(List.of(new CirLine.Helo("S-1"), new CirLine.Ping(), new CirLine.Ping()), events);
    }

    /** What waits during a pause is bounded like a line: a peer cannot make the gateway buffer more. */
    @Test
    void whatWaitsDuringAPauseIsBounded() {
        List<Object> events = new ArrayList<>();
        CirLineReader reader = new CirLineReader(MAX, events::add, () -> events.add(OVERLONG));
        reader.pause();
        reader.handle(Buffer.buffer("PING\r\n".repeat(MAX / 6 + 1)));
        assertEquals(List.of(OVERLONG), events);
        reader.resume();
        assertEquals(List.of(OVERLONG), events, "nothing read after it");
    }
}
