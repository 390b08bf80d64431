package imps.codec;

import imps.codec.pts.PtsDecoder;
import imps.codec.pts.PtsEncoder;
import imps.codec.pts.PtsLimits;
import imps.codec.wbxml.WbxmlDecoder;
import imps.codec.wbxml.WbxmlEncoder;
import imps.codec.wbxml.WbxmlLimits;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlEncoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** The codec of each syntax, built once per bearer with that bearer's limits. */
public final class CspCodecs {
    private final Map<CspSyntax, CspCodec> codecs = new EnumMap<>(CspSyntax.class);

    public CspCodecs(XmlLimits xml, WbxmlLimits wbxml, PtsLimits pts) {
        for (CspCodec c : new CspCodec[] {xml(xml), wbxml(wbxml), pts(pts)}) {
            codecs.put(c.syntax(), c);
        }
    }

    public CspCodec get(CspSyntax syntax) {
        return codecs.get(syntax);
    }

    public static CspCodec xml(XmlLimits limits) {
        return new Pair(CspSyntax.XML, new XmlDecoder(limits)::decode, new XmlEncoder()::encode);
    }

    public static CspCodec wbxml(WbxmlLimits limits) {
        return new Pair(CspSyntax.WBXML, new WbxmlDecoder(limits)::decode, new WbxmlEncoder()::encode);
    }

    public static CspCodec pts(PtsLimits limits) {
        return new Pair(CspSyntax.PTS, new PtsDecoder(limits)::decode, new PtsEncoder()::encode);
    }

    /** A syntax's decoder and encoder behind the codec interface. */
    private record Pair(CspSyntax syntax, Decoding decoding, Function<CspMessage, byte[]> encoding) implements CspCodec {
        @Override
        public CspMessage decode(byte[] bytes) throws DecodeException {
            return decoding.decode(bytes);
        }

        @Override
        public byte[] encode(CspMessage message) {
            return encoding.apply(message);
        }
    }

    @FunctionalInterface
    private interface Decoding {
        CspMessage decode(byte[] bytes) throws DecodeException;
    }
}
