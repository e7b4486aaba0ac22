package dev.vampvm.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the tests that carry given tags, from a plain class path, for a machine without Maven: the GPU machine,
 * which gets the jar, the test classes and the JUnit jars from {@code bench/gpu-pack.sh} and runs the
 * {@code gpu}-tagged tests with {@code bench/gpu-run.sh checks}.
 *
 * <pre>java -cp vampvm.jar:test-classes:lib/* dev.vampvm.testkit.TaggedTests [TAG ...]</pre>
 *
 * Without arguments the tag is {@code gpu}. Prints JUnit's summary with every failure's stack trace. Exit 0 when
 * tests ran and none failed or was aborted, 1 otherwise: a GPU test aborts (an assumption) when it finds no usable
 * GPU, and a kit that checked nothing must not look green.
 */
public final class TaggedTests {

    private TaggedTests() {
    }

    public static void main(String[] args) throws URISyntaxException {
        System.exit(run(args.length == 0 ? new String[] {"gpu"} : args));
    }

    /** Runs the tests with any of the tags, prints the summary, and returns the exit status. */
    static int run(String... tags) throws URISyntaxException {
        // The tests' own class-path root (the test-classes folder), not a package scan of the whole class path,
        // which would open the main jar as a file system and needs a module (jdk.zipfs) the kit's runtime lacks.
        Path testClasses = Path.of(TaggedTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(testClasses)))
                .filters(TagFilter.includeTags(tags))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 25);
        long ran = summary.getTestsStartedCount();
        boolean ok = ran > 0 && summary.getTotalFailureCount() == 0 && summary.getTestsAbortedCount() == 0;
        out.println("tagged " + Arrays.toString(tags) + ": " + (ran == 0 ? "no test found"
                : summary.getTestsSucceededCount() + " passed, " + summary.getTestsFailedCount() + " failed, "
                        + summary.getTestsSkippedCount() + " skipped, " + summary.getTestsAbortedCount() + " aborted"));
        return ok ? 0 : 1;
    }
}
