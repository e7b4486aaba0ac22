package dev.vampvm.bench.jmh;

import dev.vampvm.bench.BenchRun;
import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Compiler;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.syntax.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compiler on an example: parse, type-check, evaluate with the example's inputs (static mode, trace-specialised),
 * optimise and lay out, as {@code vampvm compile} and the first step of {@code prove} do.
 *
 * <p>What is measured: one {@link Compiler#compile} of {@code examples/PROGRAM.pir} with its inputs, read from the
 * source tree ({@code -Dvampvm.home}, which {@code bin/vampvm} sets, or the working directory) in setup. sha256.pir
 * is the largest example (36,342 rows at k = 16), its layout's fusion most of its time.
 *
 * <p>Run after {@code mvn package}: {@code bin/vampvm bench arith --include CompileBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class CompileBenchmark {

    @Param({"sha256"})
    public String program;

    private SourceFile source;
    private Inputs inputs;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path examples = BenchRun.sourceTree().resolve("examples");
        Path pir = examples.resolve(program + ".pir");
        source = new SourceFile(pir.toString(), Files.readString(pir));
        inputs = Inputs.read(examples.resolve(program + ".inputs.json"));
    }

    @Benchmark
    public CompiledProgram compile() {
        return Compiler.compile(source, inputs, null);
    }
}
