package imps.codec.pts;

import imps.protocol.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ClientID = (URL?, MSISDN?) as {@code CI} (docs/pts.md §5.1). Android writes the URL when it has one,
 * else the MSISDN, as a single value; reading it back, a value that looks like a phone number
 * ({@code +} and digits) is the MSISDN and anything else the URL. Where that reading would be wrong,
 * or both are present, the gateway writes the pair {@code (url,msisdn)} with an empty member for
 * the missing one.
 */
final class ClientIdCodec implements PtsValueCodec {
    static final ClientIdCodec INSTANCE = new ClientIdCodec();
    private static final Pattern MSISDN = Pattern.compile("\\+?[0-9]{3,20}");

    private ClientIdCodec() {
    }

    @Override
    public PtsValue encode(Element element) {
        if (element.text() != null) {
            return null;
        }
        String url = null;
        String msisdn = null;
        for (Element c : element.children()) {
            if (c.text() == null || !c.children().isEmpty()) {
                return null;
            }
            if (c.name().equals("URL") && url == null && msisdn == null) {
                url = c.text();
            } else if (c.name().equals("MSISDN") && msisdn == null) {
                msisdn = c.text();
            } else {
                return null;
            }
        }
        if (url != null && msisdn == null && !looksLikeMsisdn(url)) {
            return new PtsValue.Atom(url);
        }
        if (url == null && msisdn != null && looksLikeMsisdn(msisdn)) {
            return new PtsValue.Atom(msisdn);
        }
        return PtsValue.Group.of(atom(url), atom(msisdn));
    }

    private static PtsValue.Atom atom(String text) {
        return text == null ? PtsValue.Atom.EMPTY : new PtsValue.Atom(text);
    }

    private static boolean looksLikeMsisdn(String s) {
        return MSISDN.matcher(s).matches();
    }

    @Override
    public Element decode(String name, PtsValue value) throws PtsSyntaxException {
        if (value instanceof PtsValue.Atom atom) {
            return Element.of(name, Element.leaf(looksLikeMsisdn(atom.text()) ? "MSISDN" : "URL", atom.text()));
        }
        PtsValue.Group g = (PtsValue.Group) value;
        if (g.size() != 2 || !g.flat()) {
            throw new PtsSyntaxException(name + " takes a value or a pair (url,msisdn)");
        }
        List<Element> parts = new ArrayList<>(2);
        String url = ((PtsValue.Atom) g.get(0)).text();
        String msisdn = ((PtsValue.Atom) g.get(1)).text();
        if (!url.isEmpty()) {
            parts.add(Element.leaf("URL", url));
        }
        if (!msisdn.isEmpty()) {
            parts.add(Element.leaf("MSISDN", msisdn));
        }
        if (parts.isEmpty()) {
            throw new PtsSyntaxException(name + " with neither URL nor MSISDN");
        }
        return Element.of(name, parts);
    }
}
