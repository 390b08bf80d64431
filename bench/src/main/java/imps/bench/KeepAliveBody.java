package imps.bench;

import imps.codec.CspCodecs;
import imps.codec.CspSyntax;
import imps.codec.wbxml.WbxmlLimits;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;

import java.io.IOException;
import java.util.List;

/**
 * Writes a CSP 1.2 KeepAlive-Request of a session to standard output, in XML or WBXML, for a load
 * tool to POST: {@code KeepAliveBody XML|WBXML <Session-ID>}.
 */
public final class KeepAliveBody {
    private KeepAliveBody() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: KeepAliveBody XML|WBXML <Session-ID>");
            System.exit(2);
        }
        CspMessage keepAlive = new CspMessage(CspVersion.V1_2, SessionType.INBAND, args[1],
                List.of(Transaction.request("6", Element.empty("KeepAlive-Request"))), null, null);
        byte[] body = switch (CspSyntax.valueOf(args[0])) {
            case XML -> CspCodecs.xml(XmlLimits.DEFAULT).encode(keepAlive);
            case WBXML -> CspCodecs.wbxml(WbxmlLimits.DEFAULT).encode(keepAlive);
            case PTS -> throw new IllegalArgumentException("PTS travels by SMS, not by HTTP");
        };
        System.out.write(body);
        System.out.flush();
    }
}
