package imps.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one file a loader's fuzz target rewrites with each input: the loaders read files, not bytes. */
public final class ScratchFile {
    private ScratchFile() {
    }

    /** A new empty file in the JVM's temporary directory, removed when the JVM ends. */
    public static Path create(String name) {
        try {
            Path file = Files.createTempFile(name, ".yaml");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
