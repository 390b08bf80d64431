package imps.codec.pts;

/**
 * Bounds on what one PTS message may make the decoder build; anything beyond them is a Status 400.
 * {@code maxBytes} applies to the whole (reassembled) message, {@code maxDepth} to the nesting of
 * groups, {@code maxParameters} to the {@code CODE=value} pairs and {@code maxGroupMembers} to each
 * group. The depth of 10 leaves room for the deepest form the gateway writes itself, a group
 * recipient by screen name inside MessageInfo (8 levels).
 */
public record PtsLimits(int maxBytes, int maxDepth, int maxParameters, int maxGroupMembers) {
    /** 26 segments of 133 bytes (pts.md §6) fit in 4096 bytes. */
    public static final PtsLimits DEFAULT = new PtsLimits(4096, 10, 64, 256);

    public PtsLimits {
        if (maxBytes < 1 || maxDepth < 1 || maxParameters < 1 || maxGroupMembers < 1) {
            throw new IllegalArgumentException("PTS limits must be positive");
        }
    }
}
