package imps.codec.pts;

/**
 * Bounds on what one PTS message may make the decoder build; anything beyond them is a Status 400.
 * {@code maxBytes} applies to the whole (reassembled) message, {@code maxDepth} to the nesting of
 * groups, {@code maxParameters} to the {@code CODE=value} pairs and {@code maxGroupMembers} to each
 * group. The depth of 10 leaves room for the deepest form the gateway writes itself, a group
 * recipient by screen name inside MessageInfo (8 levels).
 */
public record PtsLimits(int maxBytes, int maxDepth, int maxParameters, int maxGroupMembers) {
    /**
     * The largest message the SMS bearer can reassemble with its default settings: 26 segments
     * (docs/pts.md §8) of 133 bytes; the bearer derives its own from {@code sms.maxSegmentBytes}.
     */
    public static final PtsLimits DEFAULT = new PtsLimits(26 * 133, 10, 64, 256);

    public PtsLimits {
        if (maxBytes < 1 || maxDepth < 1 || maxParameters < 1 || maxGroupMembers < 1) {
            throw new IllegalArgumentException("PTS limits must be positive");
        }
    }
}
