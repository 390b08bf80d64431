package imps.bench.jmh;

import imps.codec.DecodeException;
import imps.codec.wbxml.WbxmlDecoder;
import imps.codec.wbxml.WbxmlEncoder;
import imps.codec.wbxml.WbxmlLimits;
import imps.protocol.CspMessage;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The WBXML codec against the XML codec on the same primitives, in the same run: decoding what a
 * phone sends (Login-Request, KeepAlive-Request, SendMessage-Request) and encoding what the gateway
 * sends (KeepAlive-Response, NewMessage, PresenceNotification-Request). The messages are the recorded
 * and worked-example XML (CSP 1.2), decoded once and encoded in both syntaxes, so both codecs carry the
 * same tree; the XML codec of the same tree is the baseline of each ratio.
 */
public class WbxmlCodecBench extends AgainstXmlCodecBench {
    private final WbxmlDecoder wbxmlDecoder = new WbxmlDecoder(WbxmlLimits.DEFAULT);
    private final WbxmlEncoder wbxmlEncoder = new WbxmlEncoder();
    private byte[] wbxml;

    @Override
    protected void encodeInSyntax() throws DecodeException {
        wbxml = wbxmlEncoder.encode(message);
        if (!wbxmlDecoder.decode(wbxml).equals(xmlDecoder.decode(xml))) {
            throw new IllegalStateException("WBXML and XML do not carry the same " + primitive);
        }
        System.out.printf("%n%s: %d bytes of WBXML, %d bytes of XML%n", primitive, wbxml.length, xml.length);
    }

    @Benchmark
    public CspMessage wbxmlDecode() throws DecodeException {
        return wbxmlDecoder.decode(wbxml);
    }

    @Benchmark
    public byte[] wbxmlEncode() {
        return wbxmlEncoder.encode(message);
    }
}
