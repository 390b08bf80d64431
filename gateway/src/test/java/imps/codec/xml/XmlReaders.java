package imps.codec.xml;

import imps.codec.DecodeException;
import imps.protocol.CspMessage;
import imps.protocol.Element;

/** The two XML readers side by side, for tests and fuzz targets that compare them. */
final class XmlReaders {
    private static final XmlLimits LIMITS = XmlLimits.DEFAULT;

    private XmlReaders() {
    }

    /** What reading came to: the tree and the message, or the refusal as the client would see it. */
    record Outcome(Element root, CspMessage message, String refusal) {
        static Outcome of(TreeBuilder tree) {
            try {
                Element root = tree.root();
                try {
                    return new Outcome(root, tree.message(), null);
                } catch (DecodeException e) {
                    return new Outcome(root, null, describe(e));
                }
            } catch (DecodeException e) {
                return new Outcome(null, null, describe(e));
            }
        }

        static Outcome refused(DecodeException e) {
            return new Outcome(null, null, describe(e));
        }

        private static String describe(DecodeException e) {
            return e.kind() + " " + e.version() + " " + e.sessionId() + " " + e.transactionId() + ": " + e.getMessage();
        }
    }

    static Outcome plain(byte[] body) {
        return plain(body, LIMITS);
    }

    /** Null when the plain reader gave up. */
    static Outcome plain(byte[] body, XmlLimits limits) {
        TreeBuilder tree = new TreeBuilder(limits);
        try {
            return PlainXmlReader.read(body, tree) ? Outcome.of(tree) : null;
        } catch (DecodeException e) {
            return Outcome.refused(e);
        }
    }

    static Outcome stax(byte[] body) {
        return stax(body, LIMITS);
    }

    static Outcome stax(byte[] body, XmlLimits limits) {
        TreeBuilder tree = new TreeBuilder(limits);
        try {
            XmlDecoder.readWithStax(body, tree);
            return Outcome.of(tree);
        } catch (DecodeException e) {
            return Outcome.refused(e);
        }
    }
}
