package imps.fuzz;

import java.lang.management.ManagementFactory;

/**
 * The allocation bound of a fuzz target: handling one input may allocate at most a fixed amount plus
 * a multiple of the input's length, counted on the calling thread by the JVM
 * ({@code com.sun.management.ThreadMXBean}). Going over it is a finding like a crash: it means an
 * input can make the gateway build far more than it received. The bounds are generous on purpose
 * (a whole CSP message, its encoding and its decoding again fit many times over); what they catch
 * is growth out of proportion to the input.
 */
public record AllocationBudget(long fixedBytes, long bytesPerInputByte) {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * Runs {@code work} on {@code input} and fails when it allocated more than the bound. Over the
     * bound, the work runs a second time and only that measurement counts: the first use of a class
     * (loading, static initialisation) allocates once, not per input.
     */
    public void check(byte[] input, Runnable work) {
        long limit = fixedBytes + bytesPerInputByte * input.length;
        long allocated = allocation(work);
        if (allocated > limit && (allocated = allocation(work)) > limit) {
            throw new AssertionError("an input of " + input.length + " bytes allocated " + allocated
                    + " bytes, more than the bound of " + limit);
        }
    }

    private static long allocation(Runnable work) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        work.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
