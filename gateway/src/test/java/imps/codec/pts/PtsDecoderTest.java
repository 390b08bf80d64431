package imps.codec.pts;

import imps.codec.DecodeException;
import imps.codec.DecodeException.Kind;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.SessionType;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Framing, versions, modes, and what hostile or broken input turns into. */
class PtsDecoderTest {
    private final PtsDecoder decoder = new PtsDecoder(PtsLimits.DEFAULT);

    private CspMessage decode(String s) throws DecodeException {
        return decoder.decode(s.getBytes(StandardCharsets.UTF_8));
    }

    private DecodeException refused(String s) {
        return refused(decoder, s.getBytes(StandardCharsets.UTF_8));
    }

    private static DecodeException refused(PtsDecoder d, byte[] b) {
        return assertThrows(DecodeException.class, () -> d.decode(b));
    }

    @Test
    void versionsModesAndTransactionIds() throws DecodeException {
        CspMessage login = decode("WV11LR999 UI=alice CI=JiMMY SC=c PW=p");
        assertEquals(CspVersion.V1_1, login.version());
        assertEquals(SessionType.OUTBAND, login.sessionType());
        assertEquals(TransactionMode.REQUEST, login.first().mode());
        assertEquals("999", login.first().transactionId());
        assertEquals("Login-Request", login.first().primitiveName());
        CspMessage status = decode("WV13ST0 SI=S-1 ST=200");
        assertEquals(CspVersion.V1_3, status.version());
        assertEquals(TransactionMode.RESPONSE, status.first().mode());
        assertEquals("S-1", status.sessionId());
        assertEquals(SessionType.INBAND, status.sessionType());
        assertEquals(TransactionMode.REQUEST, decode("WV12PN3 SI=S-1 PR=(wv:bob)").first().mode(), "server-initiated");
        assertEquals(TransactionMode.RESPONSE, decode("WV12MN3 SI=S-1 MI=M1").first().mode());
    }

    @Test
    void primitiveAndParameterCodesAreCaseInsensitive() throws DecodeException {
        assertEquals(decode("WV12KA5 SI=S-1 TL=60"), decode("WV12ka5 si=S-1 tL=60"));
    }

    /** In a Login-Response SI is the new SessionID (content); elsewhere the envelope's. */
    @Test
    void sessionIdOfLoginResponseIsContent() throws DecodeException {
        CspMessage m = decode("WV12RL1 ST=200 SI=S-7f3a2c91 KA=600 CR=T");
        assertNull(m.sessionId());
        assertEquals(SessionType.OUTBAND, m.sessionType());
        assertEquals("S-7f3a2c91", m.first().primitive().childText("SessionID"));
    }

    @Test
    void trailingLineBreaksAndRunsOfSpacesAreTolerated() throws DecodeException {
        assertEquals(decode("WV12KA5 SI=S-1 TL=60"), decode("WV12KA5  SI=S-1   TL=60 \r\n"));
        assertEquals(decode("WV12PO0"), decode("WV12PO0\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "<WV-CSP-Message/>", "WV12", "WV12LR", "WV12LR1234 UI=a", "WV12LRx UI=a",
            "WV1XLR1 UI=a", "WV12L1 UI=a", "WV12LR1UI=a", "wv12LR1 UI=a", "WV12LR1ABC"})
    void notAPtsMessage(String s) {
        DecodeException e = refused(s);
        assertEquals(Kind.NOT_CSP, e.kind());
        assertTrue(!e.isCsp());
    }

    @Test
    void nullIsNotCsp() {
        assertEquals(Kind.NOT_CSP, refused(decoder, null).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"WVXXLR1 UI=alice", "WVxxLR1", "WV14LR1 UI=alice", "WV10GP3 SI=S-1"})
    void otherVersionsAreUnsupported(String s) {
        DecodeException e = refused(s);
        assertEquals(Kind.UNSUPPORTED_VERSION, e.kind());
        assertNull(e.version());
        assertEquals(s.contains("SI=") ? "S-1" : null, e.sessionId(), "a plain SI= is repeated in the 505");
    }

    /** A MALFORMED refusal still names version, Session-ID and TransactionID, so the transaction gets its Status 400. */
    @ParameterizedTest
    @ValueSource(strings = {
            "WV12GP7 SI=S-9 UI=\"wv:bob",                 // unbalanced quote
            "WV12GP7 SI=S-9 UI=(wv:bob,wv:carol",         // unbalanced parenthesis
            "WV12GP7 SI=S-9 UI=wv:bob)",                  // closing parenthesis without opening
            "WV12GP7 SI=S-9 UI=()",                       // empty group
            "WV12GP7 SI=S-9 UI=",                         // no value
            "WV12GP7 SI=S-9 UI",                          // no '='
            "WV12GP7 SI=S-9 =wv:bob",                     // no code
            "WV12GP7 SI=S-9 UI=(wv:bob carol)",           // unquoted space in a group
            "WV12GP7 SI=S-9 UI=wv\"bob",                  // quote inside an unquoted value
            "WV12GP7 SI=S-9 UI=a,b",                      // comma at the top level
            "WV12GP7 SI=S-9 UI=\"a\"b",                   // text after a quoted value
            "WV12GP7 SI=S-9 ZZ=1",                        // unknown two-letter code
            "WV12GP7 SI=S-9 9Foo=1",                      // no element name
            "WV12GP7 SI=S-9 Bad:Name=1",                  // not a plain name
            "WV12ZZ7 SI=S-9",                             // unknown primitive code
            "WV12GP7ab SI=S-9 UI=wv:bob",                 // a segment, not a whole message
            "WV12GP7 SI=S-9 SI=S-10",                     // two session IDs
            "WV12GP7 SI=S-9 UI=((wv:bob))",               // a group where a value is needed
            "WV12CP7 SI=S-9 CA=MP",                       // a value where a group is needed
            "WV12CP7 SI=S-9 CA=((XX,1))",                 // unknown capability code
            "WV12CP7 SI=S-9 CA=(CT,MP)",                  // capability pairs must be wrapped
            "WV12SQ7 SI=S-9 RF=(FF,NOPE)",                // unknown service function
            "WV12SQ7 SI=S-9 RF=(WV,FF)",                  // WV stands alone
            "WV12UP7 SI=S-9 UV=((OS,T,T,T))",             // attribute with four members
            "WV12UP7 SI=S-9 UV=((XY,T,T))",               // unknown attribute code
            "WV12UP7 SI=S-9 UV=OS",                       // attributes need a group
            "WV12ST7 SI=S-9 ST=OK",                       // result code not a number
            "WV12ST7 SI=S-9 ST=(200,x,(OK,y))",           // unknown code in a result
            "WV12PN7 SI=S-9 PR=wv:bob",                   // presence needs a group
            "WV12LM7 SI=S-9 CL=l RN=((a,))",              // empty UserID
            "WV12LR7 SI=S-9 CI=(a,b,c)"})                 // ClientID with three parts
    void malformedRequestsKeepWhatCouldBeRead(String s) {
        DecodeException e = refused(s);
        assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
        assertEquals(CspVersion.V1_2, e.version());
        assertEquals("S-9", e.sessionId());
        assertEquals("7", e.transactionId());
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] b = "WV13UP4 SI=S-9 UV=((ST,T,\"x\"))".getBytes(StandardCharsets.US_ASCII);
        b[b.length - 4] = (byte) 0xC3; // a lead byte followed by ASCII
        DecodeException e = refused(decoder, b);
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(CspVersion.V1_3, e.version());
        assertEquals("4", e.transactionId());
    }

    @Test
    void limits() throws DecodeException {
        PtsDecoder small = new PtsDecoder(new PtsLimits(64, 4, 4, 3));
        assertEquals(Kind.MALFORMED, refused(small, ("WV12GP7 SI=S-9 UI=" + "a".repeat(60)).getBytes(StandardCharsets.UTF_8)).kind());
        small.decode("WV12GP7 SI=S-9 UI=(a,b,c)".getBytes(StandardCharsets.UTF_8));
        assertEquals(Kind.MALFORMED, refused(small, "WV12GP7 SI=S-9 UI=(a,b,c,d)".getBytes(StandardCharsets.UTF_8)).kind());
        small.decode("WV12GP7 SI=S-9 CL=a CL=b CL=c".getBytes(StandardCharsets.UTF_8));
        assertEquals(Kind.MALFORMED, refused(small, "WV12GP7 SI=S-9 CL=a CL=b CL=c CL=d".getBytes(StandardCharsets.UTF_8)).kind());
        small.decode("WV12BE7 SI=S-9 BL=((AD,((UI,a))))".getBytes(StandardCharsets.UTF_8));
        DecodeException deep = refused(small, "WV12BE7 SI=S-9 BL=((AD,((UI,(a)))))".getBytes(StandardCharsets.UTF_8));
        assertEquals(Kind.MALFORMED, deep.kind());
        assertTrue(deep.getMessage().contains("deeper"), deep.getMessage());
    }

    /**
     * Whatever arrives, the decoder answers with a message or a DecodeException with a reason, and
     * never needs its safety net for runtime failures.
     */
    @Test
    void arbitraryInputOnlyEverGivesDecodeExceptions() {
        String[] seeds = {
                "WV12CP3 SI=S-7f3a2c91 CA=((CT,MP),(PS,262144),(MT,1),(ID,P),(PM,30),(SB,HTTP),(SC,ST),(SC,SS))",
                "WV12UP11 SI=S-1 UV=((OS,T,T),(CF,T,((CT,MP),(CV,0.1),(CP,MOKIA))),(UA,T,AV),(ST,T,\"At lunch\"))",
                "WV12SM29 SI=S-1 DR=F MF=((RE,((US,((UI,wv:bob))))),(CY,text/plain)) CD=\"Hi\"",
                "WV12ST8 SI=S-1 ST=(201,\"Partially\",(531,,(UI,wv:zed)),(SystemMessageList,((SystemMessage,((SystemMessageID,1))))))",
                "WV12SQ4 SI=S-1 RF=(ContListFunc,GETPR,MM) AR=T", "WV12GP9 SI=S-1 PS=(OS,(CF,(CT,CP))) UI=(a,b)",
                "WV12LM31 SI=S-1 AN=((bob,wv:bob),(,wv:carol)) CP=((DN,\"x\"),(WN,((CY,a)))) RN=((,u))"};
        String alphabet = "(),\"= ABCSTUVXYZ01az";
        Random random = new Random(7);
        for (int i = 0; i < 20000; i++) {
            char[] c = seeds[i % seeds.length].toCharArray();
            for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                int start = seeds[i % seeds.length].indexOf(' ') + 1;
                int at = start + random.nextInt(c.length - start);
                c[at] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            byte[] b = new String(c).getBytes(StandardCharsets.UTF_8);
            try {
                decoder.decode(b);
            } catch (DecodeException expected) {
                assertTrue(expected.isCsp());
                assertFalse(expected.getMessage().startsWith(PtsDecoder.INTERNAL), () -> new String(c) + ": " + expected.getMessage());
            }
        }
    }
}
