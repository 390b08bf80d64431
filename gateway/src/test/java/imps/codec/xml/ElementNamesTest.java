package imps.codec.xml;

import imps.codec.wbxml.CspElementNames;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElementNamesTest {
    @Test
    void everyCspNameIsReadAsItsSharedInstanceWhereverItLiesInTheBody() {
        assertTrue(CspElementNames.all().size() > 300, "names: " + CspElementNames.all().size());
        for (String name : CspElementNames.all()) {
            byte[] body = ("<" + name + ">").getBytes(StandardCharsets.US_ASCII);
            assertSame(name, ElementNames.of(body, 1, body.length - 1));
        }
        byte[] body = "<TransactionID>".getBytes(StandardCharsets.US_ASCII);
        assertSame("TransactionID", ElementNames.of(body, 1, body.length - 1));
    }

    @Test
    void otherNamesAndPartsOfNamesAreReadAsThemselves() {
        for (String other : new String[] {"X-Vendor-Extension", "Transaction", "TransactionI", "TransactionIDs", "a", "Sessionid"}) {
            byte[] body = other.getBytes(StandardCharsets.US_ASCII);
            String read = ElementNames.of(body, 0, body.length);
            assertEquals(other, read);
            if (!CspElementNames.all().contains(other)) {
                assertNotSame(other, read);
            }
        }
    }
}
