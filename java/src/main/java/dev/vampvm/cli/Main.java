package dev.vampvm.cli;

import dev.vampvm.bench.Environment;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vampvm} command. Exit codes: 0 success, 1 failure (a benchmark or build step failed, a file
 * could not be written), 2 usage error (unknown command or option, bad value; the usage goes to
 * stderr).
 */
@Command(name = "vampvm",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A zero-knowledge VM and PLONKish prover for VampIR programs over the Pasta curves.",
        subcommands = {BenchCommand.class, CompileCommand.class, RunCommand.class, ProveCommand.class,
            VerifyCommand.class, InfoCommand.class, DevicesCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process with their own out/err writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handleFailure);
        cl.setParameterExceptionHandler(Main::handleUsageError);
        return cl;
    }

    /** A usage error: the message, picocli's "did you mean" suggestions, then the usage, on stderr. */
    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getColorScheme().errorText(e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println();
        cl.usage(err, cl.getColorScheme());
        err.flush();
        return EXIT_USAGE;
    }

    /**
     * A failure while running a command: a {@link CommandFailure} is the user's to act on and gets one
     * line; anything else is a bug in vampvm and keeps its stack trace.
     */
    private static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof CommandFailure f) {
            err.println("vampvm: " + f.getMessage());
        } else {
            err.println("vampvm: internal error (please report it):");
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** "vampvm VERSION" from the jar manifest's Implementation-Version ("dev" outside a jar). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vampvm " + Environment.runningVersion()};
        }
    }
}
