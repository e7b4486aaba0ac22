package dev.vampvm.api;

import dev.vampvm.vm.Trace;
import dev.vampvm.vm.VmProof;
import dev.vampvm.vm.VmProver;
import java.util.List;
import java.util.Map;

/**
 * What {@link Program#proveVm} made: the proof, the run it proves, what each block's proof cost, and the time per
 * phase (compile, run, prove) in nanoseconds.
 */
public record VmProofResult(VmProof proof, Trace trace, List<VmProver.GroupReport> groups, Map<String, Long> phaseNanos) {

    public byte[] bytes() {
        return proof.toBytes();
    }
}
