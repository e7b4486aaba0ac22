package dev.vampvm.ir.eval;

import dev.vampvm.ir.flatten.FlatProgram;
import java.util.List;

/**
 * One VM block evaluated: its own constraints (those made after the block's start and before its end), its interface
 * and how it ends.
 *
 * <p>The flat program's public variables are the imports followed by the exports, named by their keys:
 * <ul>
 *   <li>imports: values the block reads that earlier blocks made (parameters of a function activation, the value a
 *       boundary returned, anything computed before the block's start in the same activation or in the main
 *       program);</li>
 *   <li>exports: values the block makes that later blocks or its own terminator need ({@code exports} as asked for
 *       by the caller; when exploring, none).</li>
 * </ul>
 *
 * @param liveKeys    the keys of every variable the block made, in order (the candidates for exports)
 * @param resumeKeys  the variables holding the value the boundary before this block returned (segment ≥ 1)
 * @param paramKeys   a function activation's parameters, flattened (its first block only)
 * @param publicKeys  the main program's public input components, in {@code pub} order (main's first block only)
 * @param result      the main program's result rendered ({@link Terminator.Halt} with a witness), else null
 */
public record BlockRun(BlockPoint point, FlatProgram flat, List<String> importKeys, List<String> exportKeys,
        List<String> liveKeys, List<String> resumeKeys, List<String> paramKeys, List<String> publicKeys,
        Terminator terminator, String result) {

    public BlockRun {
        importKeys = List.copyOf(importKeys);
        exportKeys = List.copyOf(exportKeys);
        liveKeys = List.copyOf(liveKeys);
        resumeKeys = List.copyOf(resumeKeys);
        paramKeys = List.copyOf(paramKeys);
        publicKeys = List.copyOf(publicKeys);
    }
}
