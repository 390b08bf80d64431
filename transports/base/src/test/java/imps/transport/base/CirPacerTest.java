package imps.transport.base;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
class CirPacerTest {

    @Test
    void cirsWithinTheIntervalAreCoalescedIntoOneAtItsEnd(Vertx vertx, VertxTestContext test) {
        List<String> sent = new ArrayList<>();
        vertx.runOnContext(v -> {
            CirPacer pacer = new CirPacer(vertx, 300, (phone, line) -> sent.add(phone + " " + line));
            pacer.request("+1", "WVCI 1.2 a");
            pacer.request("+1", "WVCI 1.2 b");
            pacer.request("+1", "WVCI 1.2 c");
            pacer.request("+2", "WVCI 1.2 x");
            test.verify(() -> {
                assertEquals(List.of("+1 WVCI 1.2 a", "+2 WVCI 1.2 x"), sent, "the first CIR of each phone goes at once");
                assertEquals(2, pacer.coalesced());
            });
            vertx.setTimer(450, t -> test.verify(() -> {
                assertEquals(List.of("+1 WVCI 1.2 a", "+2 WVCI 1.2 x", "+1 WVCI 1.2 c"), sent,
                        "one CIR, the latest, when the interval ends");
            }));
            // Timers may run late on a loaded machine: wait until both phones' intervals are over.
            vertx.setPeriodic(500, 50, t -> {
                if (pacer.pacing() > 0) {
                    return;
                }
                vertx.cancelTimer(t);
                test.verify(() -> {
                    assertEquals(3, sent.size(), "nothing more was owed");
                    pacer.request("+1", "WVCI 1.2 d");
                    assertEquals("+1 WVCI 1.2 d", sent.get(3), "after a quiet interval a CIR goes at once again");
                    test.completeNow();
                });
            });
        });
    }
}
