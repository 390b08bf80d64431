package imps.transport.sms.kannel;

import java.util.concurrent.TimeUnit;

/** Stops a child process and whatever it started: politely first, then by force. */
final class ProcessTrees {
    private static final long GRACE_SECONDS = 10;

    private ProcessTrees() {
    }

    static void stop(Process process) {
        ProcessHandle root = process.toHandle();
        root.descendants().forEach(ProcessHandle::destroy);
        root.destroy();
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                root.descendants().forEach(ProcessHandle::destroyForcibly);
                root.destroyForcibly();
                process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            root.destroyForcibly();
        }
    }
}
