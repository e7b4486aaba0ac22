package dev.vampvm.api;

import dev.vampvm.vm.Trace;
import dev.vampvm.vm.VmProof;
import dev.vampvm.vm.VmProver;
import java.util.List;
import java.util.Map;

/**
 * What {@link Program#proveVm} made: the proof, the run it proves, what each block's proof cost, the time per phase
 * (compile, run, prove) in nanoseconds, and why the run was proven on another engine than the one asked for (a GPU
 * engine's small runs go to the host's cores: {@link dev.vampvm.backend.Backend#forProof}), or null.
 */
public record VmProofResult(VmProof proof, Trace trace, List<VmProver.GroupReport> groups, Map<String, Long> phaseNanos,
        String elsewhere) {

    public byte[] bytes() {
        return proof.toBytes();
    }
}
