package dev.vampvm.cli;

import picocli.CommandLine.Command;

/** {@code vampvm bench SUITE}: benchmark suites. A suite is required; an unknown one is a usage error. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run a benchmark suite and write its results (JMH JSON, environment, Markdown summary).",
        subcommands = {ArithCommand.class})
final class BenchCommand {
}
