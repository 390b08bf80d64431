package imps.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One fuzz target: a {@code @FuzzTest} method. Its seeds come from its {@code @MethodSource} and from
 * the {@code <Class>Inputs/<method>} directory next to it in the test resources (Jazzer's layout);
 * Jazzer's driver runs it in a JVM of its own ({@link JazzerRun}).
 */
public record FuzzTarget(String className, String method) {

    /** {@code XmlDecoderFuzzTest.decode}: how reports and work directories name the target. */
    public String name() {
        return className.substring(className.lastIndexOf('.') + 1) + "." + method;
    }

    /** Every {@code @FuzzTest} method of the classes compiled into {@code testClasses}, in name order. */
    public static List<FuzzTarget> in(Path testClasses) {
        List<FuzzTarget> targets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(testClasses)) {
            for (Path file : files.filter(FuzzTarget::isTopLevelClass).toList()) {
                String relative = testClasses.relativize(file).toString();
                String className = relative.substring(0, relative.length() - ".class".length())
                        .replace(file.getFileSystem().getSeparator(), ".");
                for (Method m : Class.forName(className, false, FuzzTarget.class.getClassLoader()).getDeclaredMethods()) {
                    if (m.isAnnotationPresent(FuzzTest.class)) {
                        targets.add(new FuzzTarget(className, m.getName()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(testClasses + " is not on the class path", e);
        }
        targets.sort(Comparator.comparing(FuzzTarget::name));
        return targets;
    }

    private static boolean isTopLevelClass(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith("FuzzTest.class") && !name.contains("$");
    }
}
