package imps.codec.xml;

/** Bounds on what one XML body may make the decoder build; anything beyond them is a Status 400. */
public record XmlLimits(int maxDepth, int maxElements, int maxTextLength) {
    public static final XmlLimits DEFAULT = new XmlLimits(32, 4096, 65536);
}
