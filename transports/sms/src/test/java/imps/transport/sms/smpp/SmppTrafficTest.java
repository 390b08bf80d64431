package imps.transport.sms.smpp;

import imps.transport.sms.MobileOriginated;
import imps.transport.sms.MobileTerminated;
import imps.transport.sms.UserDataHeader.Concatenation;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static imps.transport.sms.smpp.TestEsme.WAIT;
import static imps.transport.sms.smpp.TestEsme.data;
import static imps.transport.sms.smpp.TestEsme.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages both ways through a bound link. */
@ExtendWith(VertxExtension.class)
class SmppTrafficTest {
    private static final String PHONE = "+447700900123";

    private SmscSimulator smsc;
    private TestEsme esme;

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        smsc = SmscSimulator.start(TestEsme.SYSTEM_ID, TestEsme.PASSWORD);
        esme = TestEsme.start(vertx, TestEsme.options(smsc));
        esme.awaitConnected(true);
        smsc.awaitBound(WAIT);
    }

    @AfterEach
    void tearDown() throws Exception {
        esme.close();
        smsc.close();
    }

    @Test
    void dataGoesOutAsEightBitWithAPortHeader() throws Exception {
        byte[] pts = "WV12LI01 UI=alice PW=secret".getBytes(StandardCharsets.US_ASCII);
        String id = esme.submitted(data(PHONE, 3590, pts));
        SmscSimulator.Submitted sm = smsc.awaitSubmits(1, WAIT).get(0);
        assertEquals(sm.messageId(), id);
        assertEquals("3590", sm.source());
        assertEquals(1, sm.destinationTon(), "international");
        assertEquals("447700900123", sm.destination());
        assertEquals(0x40, sm.esmClass(), "UDHI");
        assertEquals(0x04, sm.dataCoding());
        assertEquals(0x01, sm.registeredDelivery());
        assertArrayEquals(new byte[] {0x06, 0x05, 0x04, 0x0E, 0x06, 0x0E, 0x06}, Arrays.copyOf(sm.shortMessage(), 7));
        assertArrayEquals(pts, sm.userData());
        assertEquals(1, esme.center.counters().submitted());
    }

    @Test
    void gsmTextGoesOutInTheDefaultAlphabet() throws Exception {
        esme.submitted(text(PHONE, "Hello @ 5€ {ok}"));
        esme.submitted(new MobileTerminated(PHONE, 3716, "WVCI 1.2 c00kie".getBytes(StandardCharsets.UTF_8), false));
        List<SmscSimulator.Submitted> sms = smsc.awaitSubmits(2, WAIT);
        assertEquals(0x00, sms.get(0).dataCoding());
        assertEquals(0x00, sms.get(0).esmClass());
        assertEquals("Hello @ 5€ {ok}", sms.get(0).text());
        assertEquals(0x00, sms.get(1).dataCoding());
        assertEquals(3716, sms.get(1).destinationPort());
        assertEquals(3716, sms.get(1).sourcePort());
        assertEquals("WVCI 1.2 c00kie", sms.get(1).text());
    }

    @Test
    void aForwardedSubmitReachesTheListenerBeforeItsResponseAndIsNotRecorded() throws Exception {
        List<SmscSimulator.Submitted> forwarded = new CopyOnWriteArrayList<>();
        smsc.forwardSubmits(forwarded::add);
        byte[] pts = "WV12AK5 SI=S-1 ST=200".getBytes(StandardCharsets.US_ASCII);
        String id = esme.submitted(data(PHONE, 3590, pts));
        assertEquals(1, forwarded.size(), "handed over by the time the ESME has its submit_sm_resp");
        assertEquals(id, forwarded.get(0).messageId());
        assertEquals("447700900123", forwarded.get(0).destination());
        assertArrayEquals(pts, forwarded.get(0).userData());
        assertEquals(List.of(), smsc.submits());
    }

    @Test
    void textOutsideTheGsmAlphabetGoesOutAsUcs2() throws Exception {
        esme.submitted(text(PHONE, "Привет, ça va?"));
        SmscSimulator.Submitted sm = smsc.awaitSubmits(1, WAIT).get(0);
        assertEquals(0x08, sm.dataCoding());
        assertArrayEquals("Привет, ça va?".getBytes(StandardCharsets.UTF_16BE), sm.shortMessage());
    }

    @Test
    void longTextGoesOutAsAConcatenatedSms() throws Exception {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(8);
        String id = esme.submitted(text(PHONE, text));
        List<SmscSimulator.Submitted> parts = new ArrayList<>(smsc.awaitSubmits(3, WAIT));
        // Parts share the window, so they may reach the SMSC in any order; the phone reassembles them.
        parts.sort(Comparator.comparingInt(p -> p.concatenation().part()));
        assertEquals(id, parts.get(0).messageId(), "the message is known by its first part's id");
        Concatenation first = parts.get(0).concatenation();
        for (int i = 0; i < 3; i++) {
            assertEquals(new Concatenation(first.reference(), 3, i + 1), parts.get(i).concatenation());
            assertEquals(0x40, parts.get(i).esmClass());
        }
        assertEquals(153, parts.get(0).userData().length);
        assertEquals(text, SmscSimulator.Submitted.joinedText(parts));
        assertEquals(1, esme.center.counters().submitted(), "one message");
    }

    @Test
    void aMessageNoConcatenationCanCarryIsRefused() throws Exception {
        Throwable refused = OnContext.failure(esme.submit(data(PHONE, 3590, new byte[134 * 256])));
        assertTrue(refused.getMessage().contains("at most 255"), refused.getMessage());
        assertEquals(1, esme.center.counters().submitFailures());
        assertTrue(smsc.submits().isEmpty());
    }

    @Test
    void dataFromAPhoneArrivesWithItsPort() throws Exception {
        byte[] pts = {'W', 'V', '1', '2', (byte) 0xC3, (byte) 0xA9};
        assertEquals(0, smsc.deliverData(PHONE, "3590", 3590, pts));
        MobileOriginated mo = esme.nextMessage();
        assertEquals(PHONE, mo.sender());
        assertEquals("3590", mo.recipient());
        assertEquals(3590, mo.destinationPort());
        assertArrayEquals(pts, mo.payload());
        assertEquals(1, esme.center.counters().received());
    }

    @Test
    void gsmTextFromAPhoneArrivesAsUtf8() throws Exception {
        assertEquals(0, smsc.deliverText(PHONE, "3590", "HELO S-1 @ 5€ [x]"));
        MobileOriginated mo = esme.nextMessage();
        assertNull(mo.destinationPort());
        assertEquals("HELO S-1 @ 5€ [x]", new String(mo.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void ucs2TextFromAPhoneArrivesAsUtf8() throws Exception {
        assertEquals(0, smsc.deliverText(PHONE, "3590", "Привет 😀"));
        assertEquals("Привет 😀", new String(esme.nextMessage().payload(), StandardCharsets.UTF_8));
    }

    @Test
    void concatenatedTextArrivingOutOfOrderIsJoined() throws Exception {
        String text = "Ünïcode parts: " + "Ж".repeat(100);
        assertEquals(List.of(0, 0, 0), smsc.deliverConcatenatedText(PHONE, "3590", text, 45, 3, 1, 2));
        assertEquals(text, new String(esme.nextMessage().payload(), StandardCharsets.UTF_8));
        assertTrue(esme.inboxEmpty(), "one message, not three");
        String gsm = "abc".repeat(100);
        smsc.deliverConcatenatedText(PHONE, "3590", gsm, 153, 2, 1);
        assertEquals(gsm, new String(esme.nextMessage().payload(), StandardCharsets.UTF_8));
    }

    @Test
    void dataSmWithPortTlvsArrivesLikeDeliverSm() throws Exception {
        assertEquals(0, smsc.deliverDataSm(PHONE, "3590", 3590, new byte[] {5, 6, 7}));
        MobileOriginated mo = esme.nextMessage();
        assertEquals(3590, mo.destinationPort());
        assertArrayEquals(new byte[] {5, 6, 7}, mo.payload());
    }

    @Test
    void deliveryReceiptsAreCounted() throws Exception {
        esme.submitted(data(PHONE, 3590, new byte[] {1}));
        esme.submitted(data(PHONE, 3590, new byte[] {2}));
        esme.submitted(data(PHONE, 3590, new byte[] {3}));
        List<SmscSimulator.Submitted> sms = smsc.awaitSubmits(3, WAIT);
        assertEquals(0, smsc.sendReceipt(sms.get(0), "DELIVRD"));
        assertEquals(0, smsc.sendReceipt(sms.get(1), "UNDELIV"));
        assertEquals(0, smsc.sendReceipt(sms.get(2), "EXPIRED"));
        TestEsme.await(() -> esme.center.counters().delivered() == 1 && esme.center.counters().undeliverable() == 2,
                "receipts counted");
        assertEquals(0, esme.center.counters().received(), "receipts are not messages");
    }

    @Test
    void malformedMessagesAreRefusedAndTheLinkCarriesOn() throws Exception {
        int udhi = SMPPConstant.ESMCLS_UDHI_INDICATOR_SET;
        assertEquals(SMPPConstant.STAT_ESME_RX_P_APPN, smsc.deliverRaw(PHONE, "3590", udhi, 0x04, new byte[] {0x0A, 0x05, 0x04}),
                "header longer than the message");
        assertEquals(SMPPConstant.STAT_ESME_RX_P_APPN, smsc.deliverRaw(PHONE, "3590", udhi, 0x04, new byte[0]),
                "header indicator without data");
        assertEquals(SMPPConstant.STAT_ESME_RX_P_APPN, smsc.deliverRaw(PHONE, "3590", udhi, 0x00,
                new byte[] {0x05, 0x00, 0x03, 0x01, 0x02, 0x03, 0x41}), "part 3 of 2");
        assertEquals(SMPPConstant.STAT_ESME_RX_P_APPN, smsc.deliverRaw(PHONE, "3590",
                SMPPConstant.ESMCLS_SMSC_DELIV_RECEIPT, 0x00, "garbage".getBytes(StandardCharsets.US_ASCII)), "receipt without state");
        assertTrue(esme.center.connected());
        assertTrue(esme.inboxEmpty());
        assertEquals(0, smsc.deliverData(PHONE, "3590", 3590, new byte[] {1}));
        assertArrayEquals(new byte[] {1}, esme.nextMessage().payload());
    }
}
