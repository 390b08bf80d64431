package imps.codec.pts;

import imps.codec.DecodeException;
import imps.protocol.CspMessage;
import imps.protocol.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PtsRoundTripTest {
    private final PtsDecoder decoder = new PtsDecoder(PtsLimits.DEFAULT);
    private final PtsEncoder encoder = new PtsEncoder();

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    CspMessage decode(String s) throws DecodeException {
        return decoder.decode(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Every line of the Android engine's PTS examples, client and server side, comes back byte for byte. */
    @ParameterizedTest
    @ValueSource(strings = {
            "WV12LR1 CI=http://client.example.net/imps TL=1200 SC=wv:alice.1234 PW=secret UI=wv:alice@example.net",
            "WV12RL1 ST=200 SI=S-7f3a2c91 KA=600 CR=T",
            "WV12LR1 CI=http://client.example.net/imps TL=1200 SC=wv:alice.1234 SH=MD5 SH=SHA UI=wv:alice@example.net",
            "WV12RL1 ST=401 NO=b5f3c1e0a9d24e6f DI=MD5",
            "WV12LR1 CI=http://client.example.net/imps TL=1200 SC=wv:alice.1234 DB=\"fvuaXWP98TYHCqEveeL/Mw==\" UI=wv:alice@example.net",
            "WV12CP3 SI=S-7f3a2c91 CA=((CT,MP),(PS,262144),(MT,1),(ID,P),(PM,30),(SB,HTTP),(SC,ST),(SC,SS))",
            "WV12PC3 SI=S-7f3a2c91 AP=((SB,HTTP),(SC,SS),(PM,30))",
            "WV12SQ4 SI=S-7f3a2c91 RF=(FF,PF,IF,GE) AR=T",
            "WV12QS4 SI=S-7f3a2c91 AF=(FF,PF,IF)",
            "WV12KA5 SI=S-7f3a2c91 TL=1200",
            "WV12AK5 SI=S-7f3a2c91 ST=200 KA=600",
            "WV12PO0 SI=S-7f3a2c91",
            "WV12PN17 SI=S-7f3a2c91 PR=(wv:bob@example.net,((OS,T,T),(UA,T,AV)))",
            "WV12ST17 SI=S-7f3a2c91 ST=200",
            "WV12OR6 SI=S-7f3a2c91",
            "WV12ST6 SI=S-7f3a2c91 ST=200",
            "WV12SB12 SI=S-7f3a2c91 PS=(OS,CF,UA,ST,SC) CL=wv:alice/~pep1.0_subscriptions@example.net UI=(wv:bob@example.net,wv:carol@example.net,wv:dave@example.net,wv:erin@example.net) AS=T"
    })
    void specLinesComeBackUnchanged(String line) throws DecodeException {
        assertEquals(line, text(encoder.encode(decode(line))));
    }

    /**
     * Found by fuzzing: children GetPresence-Request does not name, interleaved (TL, SC, TL), came
     * back reordered (TL, TL, SC) after encoding, since the encoder writes one name's occurrences
     * together. The decoder now groups them so too, and the message survives the round trip.
     */
    @Test
    void childrenOutsideTheContentModelKeepTheirOrderThroughARoundTrip() throws DecodeException {
        CspMessage decoded = decode("WV12GP4 SI=S-1 UI=bob TL=1 SC=a TL=2");
        assertEquals(List.of("User", "TimeToLive", "TimeToLive", "SessionCookie"),
                decoded.first().primitive().children().stream().map(Element::name).toList());
        assertEquals(List.of("1", "2"), decoded.first().primitive().children().stream()
                .filter(c -> c.name().equals("TimeToLive")).map(Element::text).toList());
        assertEquals(decoded, decoder.decode(encoder.encode(decoded)));
    }
}
