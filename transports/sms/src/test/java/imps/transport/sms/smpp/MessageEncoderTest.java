package imps.transport.sms.smpp;

import imps.transport.sms.GsmAlphabet;
import imps.transport.sms.MobileTerminated;
import imps.transport.sms.UserDataHeader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageEncoderTest {
    private final MessageEncoder encoder = new MessageEncoder();

    @Test
    void dataWithAPortIsEightBitWithAPortHeader() {
        byte[] payload = bytes(133, 'x');
        List<SubmitPart> parts = encoder.encode(new MobileTerminated("+4477001", 3590, payload, true));
        assertEquals(1, parts.size(), "133 bytes fit next to the 7-byte port header");
        SubmitPart part = parts.get(0);
        assertEquals("+4477001", part.recipient());
        assertEquals(0x40, part.esmClass());
        assertEquals(0x04, part.dataCoding());
        assertArrayEquals(new byte[] {0x06, 0x05, 0x04, 0x0E, 0x06, 0x0E, 0x06}, Arrays.copyOf(part.shortMessage(), 7));
        assertArrayEquals(payload, Arrays.copyOfRange(part.shortMessage(), 7, part.shortMessage().length));
    }

    @Test
    void dataTooLongForOneSmsIsConcatenated() {
        byte[] payload = bytes(200, 'd');
        List<SubmitPart> parts = encoder.encode(new MobileTerminated("+4477001", 3590, payload, true));
        assertEquals(2, parts.size());
        UserDataHeader.Split first = UserDataHeader.parse(parts.get(0).shortMessage());
        assertEquals(3590, first.header().destinationPort());
        assertEquals(new UserDataHeader.Concatenation(0, 2, 1), first.header().concatenation());
        assertEquals(140 - 12, first.body().length, "12 header octets: length, concatenation, ports");
        assertArrayEquals(payload, join(parts));
    }

    @Test
    void dataWithoutAPortHasNoHeader() {
        SubmitPart part = encoder.encode(new MobileTerminated("+4477001", null, new byte[] {1, 2, 3}, true)).get(0);
        assertEquals(0x00, part.esmClass());
        assertEquals(0x04, part.dataCoding());
        assertArrayEquals(new byte[] {1, 2, 3}, part.shortMessage());
    }

    @Test
    void gsmTextIsOneSeptetPerOctet() {
        SubmitPart part = encoder.encode(text("Hi @ 5€", null)).get(0);
        assertEquals(0x00, part.dataCoding());
        assertEquals(0x00, part.esmClass());
        assertArrayEquals(new byte[] {0x48, 0x69, 0x20, 0x00, 0x20, 0x35, 0x1B, 0x65}, part.shortMessage());
    }

    @Test
    void cirTextGoesToItsPortInGsm() {
        SubmitPart part = encoder.encode(text("WVCI 1.2 c00kie", 3716)).get(0);
        assertEquals(0x00, part.dataCoding());
        assertEquals(0x40, part.esmClass());
        UserDataHeader.Split split = UserDataHeader.parse(part.shortMessage());
        assertEquals(3716, split.header().destinationPort());
        assertEquals(3716, split.header().sourcePort());
        assertEquals("WVCI 1.2 c00kie", GsmAlphabet.decode(split.body()));
    }

    @Test
    void gsmTextSplitsAt160And153Septets() {
        assertEquals(1, encoder.encode(text("a".repeat(160), null)).size());
        List<SubmitPart> parts = encoder.encode(text("b".repeat(161), null));
        assertEquals(2, parts.size());
        assertEquals(153, UserDataHeader.parse(parts.get(0).shortMessage()).body().length);
        assertEquals(8, UserDataHeader.parse(parts.get(1).shortMessage()).body().length);
        assertEquals(0x40, parts.get(1).esmClass());
    }

    @Test
    void gsmTextWithAPortLeaves152SeptetsAnd146WhenConcatenated() {
        assertEquals(1, encoder.encode(text("c".repeat(152), 3716)).size());
        List<SubmitPart> parts = encoder.encode(text("c".repeat(153), 3716));
        assertEquals(2, parts.size());
        assertEquals(146, UserDataHeader.parse(parts.get(0).shortMessage()).body().length);
    }

    @Test
    void anEscapeIsNeverCutFromItsCharacter() {
        String text = "e".repeat(152) + "€" + "e".repeat(10);
        List<SubmitPart> parts = encoder.encode(text(text, null));
        byte[] first = UserDataHeader.parse(parts.get(0).shortMessage()).body();
        assertEquals(152, first.length, "the euro's escape moves to the next part");
        assertEquals(text, GsmAlphabet.decode(join(parts)));
    }

    @Test
    void textOutsideTheGsmAlphabetIsUcs2() {
        SubmitPart part = encoder.encode(text("Привет ç", null)).get(0);
        assertEquals(0x08, part.dataCoding());
        assertArrayEquals("Привет ç".getBytes(StandardCharsets.UTF_16BE), part.shortMessage());
    }

    @Test
    void ucs2SplitsAt70And67CharactersWithoutBreakingASurrogatePair() {
        assertEquals(1, encoder.encode(text("ж".repeat(70), null)).size());
        String text = "ж".repeat(66) + "\uD83D\uDE00" + "ж".repeat(5);
        List<SubmitPart> parts = encoder.encode(text(text, null));
        assertEquals(2, parts.size());
        assertEquals(66 * 2, UserDataHeader.parse(parts.get(0).shortMessage()).body().length,
                "the emoji would straddle the 67-character boundary and moves whole to part 2");
        assertEquals(text, new String(join(parts), StandardCharsets.UTF_16BE));
    }

    @Test
    void everyConcatenatedMessageGetsTheNextReferenceWrappingAfter255() {
        int first = reference(encoder.encode(text("f".repeat(200), null)));
        int second = reference(encoder.encode(text("f".repeat(200), null)));
        assertEquals((first + 1) & 0xFF, second);
        for (int i = 0; i < 254; i++) {
            encoder.encode(text("f".repeat(200), null));
        }
        assertEquals(first, reference(encoder.encode(text("f".repeat(200), null))));
        assertNotEquals(first, reference(encoder.encode(text("f".repeat(200), null))));
    }

    @Test
    void singlePartMessagesHaveNoConcatenation() {
        assertNull(UserDataHeader.parse(encoder.encode(text("short", 3716)).get(0).shortMessage()).header().concatenation());
    }

    @Test
    void moreThan255PartsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(new MobileTerminated("+4477001", null, bytes(134 * 256, 'z'), true)));
        assertTrue(e.getMessage().contains("256 parts"), e.getMessage());
    }

    private static MobileTerminated text(String text, Integer port) {
        return new MobileTerminated("+4477001", port, text.getBytes(StandardCharsets.UTF_8), false);
    }

    private static byte[] bytes(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static int reference(List<SubmitPart> parts) {
        return UserDataHeader.parse(parts.get(0).shortMessage()).header().concatenation().reference();
    }

    private static byte[] join(List<SubmitPart> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(p -> out.writeBytes(p.esmClass() == 0x40 ? UserDataHeader.parse(p.shortMessage()).body() : p.shortMessage()));
        return out.toByteArray();
    }
}
