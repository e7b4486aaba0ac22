package dev.vampvm.cli;

import picocli.CommandLine.Option;

/** The flags that {@code prove} and {@code verify} share (a picocli mixin, so they read the same everywhere). */
final class CommonOptions {

    @Option(names = "--no-cache", description = "Do not use or fill the key cache.")
    boolean noCache;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: one per core).")
    int threads;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @Option(names = "--quiet", description = "Print nothing but errors (no progress; for verify the exit code is the verdict).")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Also show the key cache's location, how the circuit was built "
            + "and the proof's metadata.")
    boolean verbose;
}
