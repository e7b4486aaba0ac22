package dev.vampvm.cli;

import dev.vampvm.api.ProveOptions;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Small helpers the prove, verify and info commands share. */
final class Cli {
    private Cli() {
    }

    /** The program's file name without {@code .pir}. */
    static String base(Path program) {
        String name = program.getFileName().toString();
        return name.endsWith(".pir") ? name.substring(0, name.length() - 4) : name;
    }

    /** Whether stderr is a terminal (then a phase's line is rewritten in place when it ends). */
    static boolean terminal() {
        return System.console() != null;  // Java 21: stdin and stdout are a terminal (stderr follows them as a rule)
    }

    /** Per-phase progress on stderr: "[1/4] compile ... 12 ms (k = 4, ...)". */
    static ProveOptions.Progress progress(PrintWriter err) {
        boolean live = terminal();
        return new ProveOptions.Progress() {
            int step;

            @Override
            public void started(String phase) {
                step++;
                if (live) {
                    err.print("[" + step + "/4] " + phase + " ...");
                    err.flush();
                }
            }

            @Override
            public void finished(String phase, long nanos, String detail) {
                String line = String.format("[%d/4] %-8s %8.1f ms  %s", step, phase, nanos / 1e6, detail);
                err.println(live ? "\r" + line : line);
                err.flush();
            }
        };
    }
}
