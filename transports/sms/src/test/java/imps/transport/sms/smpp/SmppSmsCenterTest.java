package imps.transport.sms.smpp;

import imps.transport.sms.MobileOriginated;
import imps.transport.sms.MobileTerminated;
import imps.transport.sms.SmsCenter;
import imps.transport.sms.SmsCenterContract;
import imps.transport.sms.SmsCounters;
import imps.transport.sms.UserDataHeader.Concatenation;
import io.vertx.core.Vertx;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link SmsCenter} contract against an SMSC over SMPP (the test SMSC, jSMPP's server side), and
 * what only SMPP has: the submit_sm fields, concatenation both ways, data_sm, receipt states, and
 * malformed deliver_sm refused without harm.
 */
class SmppSmsCenterTest extends SmsCenterContract {
    private static final String REFUSED = "49999000000";
    private SmscSimulator smsc;

    @Override
    protected Network startNetwork() throws Exception {
        smsc = SmscSimulator.start(TestEsme.SYSTEM_ID, TestEsme.PASSWORD);
        smsc.refuseSubmitsTo(REFUSED, SMPPConstant.STAT_ESME_RINVDSTADR);
        return new Network() {
            @Override
            public SmsCenter link(Vertx vertx, String own) {
                return new SmppSmsCenter(vertx, TestEsme.options(smsc), own);
            }

            @Override
            public void awaitReady(SmsCenter link) {
                TestEsme.await(link::connected, "a bound link");
                smsc.awaitBound(WAIT);
            }

            @Override
            public void phoneSendsText(String phone, String text) {
                assertEquals(0, smsc.deliverText(phone, OWN, text));
            }

            @Override
            public void phoneSendsData(String phone, int port, byte[] data) {
                assertEquals(0, smsc.deliverData(phone, OWN, port, data));
            }

            @Override
            public Received awaitReceived(String phone) {
                SmscSimulator.Submitted sm = submitsTo(phone, 1).get(0);
                Kind kind = switch (sm.dataCoding()) {
                    case 0x00 -> Kind.GSM_TEXT;
                    case 0x08 -> Kind.UCS2_TEXT;
                    case 0x04 -> Kind.DATA;
                    default -> throw new AssertionError("data_coding " + sm.dataCoding());
                };
                return new Received(sm.source(), sm.destination(), kind, sm.destinationPort(), sm.userData(),
                        kind == Kind.DATA ? null : sm.text());
            }

            @Override
            public void reportDelivered(String id) {
                assertEquals(0, smsc.sendReceipt(submitted(id), "DELIVRD"));
            }

            @Override
            public void reportUndeliverable(String id) {
                assertEquals(0, smsc.sendReceipt(submitted(id), "UNDELIV"));
            }

            @Override
            public String refusedRecipient() {
                return REFUSED;
            }

            @Override
            public void goDown() throws Exception {
                smsc.goDown();
                TestEsme.await(() -> !center().connected(), "the link to notice");
            }

            @Override
            public void comeBack() throws Exception {
                smsc.comeBack();
            }

            @Override
            public void close() throws Exception {
                smsc.close();
            }
        };
    }

    @Test
    void dataGoesOutAsEightBitWithAPortHeaderToAnInternationalNumber() throws Exception {
        String digits = newPhone();
        byte[] pts = "WV12LI01 UI=alice PW=secret".getBytes(StandardCharsets.US_ASCII);
        String id = submit(new MobileTerminated("+" + digits, 3590, pts, true));
        SmscSimulator.Submitted sm = submitsTo(digits, 1).get(0);
        assertEquals(sm.messageId(), id);
        assertEquals("3590", sm.source());
        assertEquals(1, sm.destinationTon(), "international");
        assertEquals(0x40, sm.esmClass(), "UDHI");
        assertEquals(0x04, sm.dataCoding());
        assertEquals(0x01, sm.registeredDelivery());
        assertArrayEquals(new byte[] {0x06, 0x05, 0x04, 0x0E, 0x06, 0x0E, 0x06}, Arrays.copyOf(sm.shortMessage(), 7));
        assertArrayEquals(pts, sm.userData());
    }

    @Test
    void textHasAHeaderOnlyWithAPortAndThenTheSamePortBothWays() throws Exception {
        String plain = newPhone();
        submit(new MobileTerminated(plain, null, "Hello @ 5€ {ok}".getBytes(StandardCharsets.UTF_8), false));
        assertEquals(0x00, submitsTo(plain, 1).get(0).esmClass());
        String cir = newPhone();
        submit(new MobileTerminated(cir, 3716, "WVCI 1.2 c00kie".getBytes(StandardCharsets.UTF_8), false));
        SmscSimulator.Submitted sm = submitsTo(cir, 1).get(0);
        assertEquals(0x00, sm.dataCoding());
        assertEquals(3716, sm.sourcePort());
    }

    @Test
    void aForwardedSubmitReachesTheListenerBeforeItsResponseAndIsNotRecorded() throws Exception {
        String phone = newPhone();
        List<SmscSimulator.Submitted> forwarded = new CopyOnWriteArrayList<>();
        smsc.forwardSubmits(forwarded::add);
        try {
            byte[] pts = "WV12AK5 SI=S-1 ST=200".getBytes(StandardCharsets.US_ASCII);
            String id = submit(new MobileTerminated(phone, 3590, pts, true));
            assertEquals(1, forwarded.size(), "handed over by the time the ESME has its submit_sm_resp");
            assertEquals(id, forwarded.get(0).messageId());
            assertEquals(phone, forwarded.get(0).destination());
            assertArrayEquals(pts, forwarded.get(0).userData());
        } finally {
            smsc.forwardSubmits(null);
        }
        assertTrue(smsc.submits().stream().noneMatch(s -> s.destination().equals(phone)));
    }

    @Test
    void longTextGoesOutAsAConcatenatedSms() throws Exception {
        String phone = newPhone();
        long submitted = center().counters().submitted();
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(8);
        String id = submit(new MobileTerminated(phone, null, text.getBytes(StandardCharsets.UTF_8), false));
        List<SmscSimulator.Submitted> parts = new ArrayList<>(submitsTo(phone, 3));
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
        assertEquals(submitted + 1, center().counters().submitted(), "one message");
    }

    @Test
    void aMessageNoConcatenationCanCarryIsRefusedBeforeTheSmsc() throws Exception {
        String phone = newPhone();
        SmsCounters before = center().counters();
        Throwable refused = refusal(new MobileTerminated(phone, 3590, new byte[134 * 256], true));
        assertTrue(refused.getMessage().contains("at most 255"), refused.getMessage());
        assertEquals(before.submitFailures() + 1, center().counters().submitFailures());
        assertTrue(smsc.submits().stream().noneMatch(s -> s.destination().equals(phone)));
    }

    @Test
    void gsmTextWithExtensionCharactersFromAPhoneArrivesAsUtf8() throws Exception {
        String phone = newPhone();
        assertEquals(0, smsc.deliverText(phone, OWN, "HELO S-1 @ 5€ [x]"));
        MobileOriginated mo = awaitMo(phone);
        assertNull(mo.destinationPort());
        assertEquals("HELO S-1 @ 5€ [x]", new String(mo.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void ucs2TextFromAPhoneArrivesAsUtf8() throws Exception {
        String phone = newPhone();
        assertEquals(0, smsc.deliverText(phone, OWN, "Привет 😀"));
        assertEquals("Привет 😀", new String(awaitMo(phone).payload(), StandardCharsets.UTF_8));
    }

    @Test
    void concatenatedTextArrivingOutOfOrderIsJoined() throws Exception {
        String phone = newPhone();
        String text = "Ünïcode parts: " + "Ж".repeat(100);
        assertEquals(List.of(0, 0, 0), smsc.deliverConcatenatedText(phone, OWN, text, 45, 3, 1, 2));
        assertEquals(text, new String(awaitMo(phone).payload(), StandardCharsets.UTF_8));
        assertNoMoFrom(phone, Duration.ofMillis(300), "one message, not three");
        String gsm = "abc".repeat(100);
        smsc.deliverConcatenatedText(phone, OWN, gsm, 153, 2, 1);
        assertEquals(gsm, new String(awaitMo(phone).payload(), StandardCharsets.UTF_8));
    }

    @Test
    void dataSmWithPortTlvsArrivesLikeDeliverSm() throws Exception {
        String phone = newPhone();
        assertEquals(0, smsc.deliverDataSm(phone, OWN, 3590, new byte[] {5, 6, 7}));
        MobileOriginated mo = awaitMo(phone);
        assertEquals(3590, mo.destinationPort());
        assertArrayEquals(new byte[] {5, 6, 7}, mo.payload());
    }

    @Test
    void anExpiredReceiptCountsAsUndeliverable() throws Exception {
        String phone = newPhone();
        long undeliverable = center().counters().undeliverable();
        String id = submit(new MobileTerminated(phone, 3590, new byte[] {1}, true));
        assertEquals(0, smsc.sendReceipt(submitted(id), "EXPIRED"));
        awaitTrue(() -> center().counters().undeliverable() == undeliverable + 1, "an expired message is undeliverable");
    }

    @Test
    void malformedMessagesAreRefusedAndTheLinkCarriesOn() throws Exception {
        String phone = newPhone();
        int udhi = SMPPConstant.ESMCLS_UDHI_INDICATOR_SET;
        assertEquals(SMPPConstant.STAT_ESME_RX_P_APPN, smsc.deliverRaw(phone, OWN, udhi, 0x04, new byte[] {0x0A, 0x05, 0x04}),
                "header longer than the message");
        assertEquals(SMPPConstant.STAT_ESME_RX_P_APPN, smsc.deliverRaw(phone, OWN, udhi, 0x04, new byte[0]),
                "header indicator without data");
        assertEquals(SMPPConstant.STAT_ESME_RX_P_APPN, smsc.deliverRaw(phone, OWN, udhi, 0x00,
                new byte[] {0x05, 0x00, 0x03, 0x01, 0x02, 0x03, 0x41}), "part 3 of 2");
        assertEquals(SMPPConstant.STAT_ESME_RX_P_APPN, smsc.deliverRaw(phone, OWN,
                SMPPConstant.ESMCLS_SMSC_DELIV_RECEIPT, 0x00, "garbage".getBytes(StandardCharsets.US_ASCII)), "receipt without state");
        assertTrue(center().connected());
        assertNoMoFrom(phone, Duration.ofMillis(300), "nothing malformed reaches the handler");
        assertEquals(0, smsc.deliverData(phone, OWN, 3590, new byte[] {1}));
        assertArrayEquals(new byte[] {1}, awaitMo(phone).payload());
    }

    /** The first {@code count} submit_sm to {@code destination} (destination_addr), waiting for them. */
    private List<SmscSimulator.Submitted> submitsTo(String destination, int count) {
        TestEsme.await(() -> to(destination).size() >= count, count + " submit_sm to " + destination);
        return to(destination).subList(0, count);
    }

    private List<SmscSimulator.Submitted> to(String destination) {
        return smsc.submits().stream().filter(s -> s.destination().equals(destination)).toList();
    }

    private SmscSimulator.Submitted submitted(String id) {
        return smsc.submits().stream().filter(s -> s.messageId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no submit_sm with id " + id));
    }
}
