package imps.codec;

import imps.codec.pts.PtsCodec;
import imps.codec.pts.PtsLimits;
import imps.codec.wbxml.WbxmlCodec;
import imps.codec.wbxml.WbxmlLimits;
import imps.codec.xml.XmlCodec;
import imps.codec.xml.XmlLimits;

import java.util.EnumMap;
import java.util.Map;

/** The codec of each syntax, built once per bearer with that bearer's limits. */
public final class CspCodecs {
    private final Map<CspSyntax, CspCodec> codecs = new EnumMap<>(CspSyntax.class);

    public CspCodecs(XmlLimits xml, WbxmlLimits wbxml, PtsLimits pts) {
        for (CspCodec c : new CspCodec[] {new XmlCodec(xml), new WbxmlCodec(wbxml), new PtsCodec(pts)}) {
            codecs.put(c.syntax(), c);
        }
    }

    public CspCodec get(CspSyntax syntax) {
        return codecs.get(syntax);
    }
}
