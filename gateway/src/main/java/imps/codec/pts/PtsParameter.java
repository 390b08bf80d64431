package imps.codec.pts;

/** One {@code CODE=value} of a PTS message (docs/pts.md §1); the code as written. */
record PtsParameter(String code, PtsValue value) {
}
