package imps.app;

/** The {@code limit} of a paged admin listing: 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} when absent. */
final class Paging {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final String LIMIT_ERROR = "limit must be a number from 1 to " + MAX_LIMIT;

    private Paging() {
    }

    /** The limit asked for, or -1 when {@code raw} is not an acceptable one. */
    static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(raw);
            return n >= 1 && n <= MAX_LIMIT ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
