package dev.vampvm.vm;

import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.Backend;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.io.IncompatibleFileException;
import dev.vampvm.plonk.keygen.VerifyingKey;
import dev.vampvm.plonk.verifier.BatchVerifier;
import dev.vampvm.plonk.verifier.Verifier;
import dev.vampvm.transcript.MalformedProofException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies a VM proof: the program id, the trace by the runtime's rules ({@link Machine}), the public inputs against
 * the entry block's exports, one proof for every block that ran and has a circuit (stacked as many times as the trace
 * says), the block proofs' one shared opening ({@link SharedOpening}; format 1 proofs open each block proof alone),
 * and all of it with one final MSM ({@link BatchVerifier}).
 */
public final class VmVerifier {
    private VmVerifier() {
    }

    /** The verdict: valid, or why not; {@code publicValues} are the proof's public input values by name. */
    public record Verdict(boolean valid, String reason, Map<String, Fp> publicValues, int steps, int proofs) {
        static Verdict refuse(String reason) {
            return new Verdict(false, reason, Map.of(), 0, 0);
        }
    }

    /**
     * @param expectedPublic public input values the verifier trusts, by component name (all of them), or null to
     *                       accept the proof's own (they are still reported)
     */
    public static Verdict verify(VmProgram program, byte[] file, Map<String, Fp> expectedPublic, Backend backend,
            KeyCache keyCache) {
        VmProof proof;
        try {
            proof = VmProof.fromBytes(file);
        } catch (IncompatibleFileException e) {
            return Verdict.refuse(e.getMessage());
        }
        return verify(program, proof, expectedPublic, backend, keyCache);
    }

    public static Verdict verify(VmProgram program, VmProof proof, Map<String, Fp> expectedPublic, Backend backend,
            KeyCache keyCache) {
        if (!Arrays.equals(proof.programId(), program.id())) {
            return Verdict.refuse("the proof is for another program (id " + java.util.HexFormat.of()
                    .formatHex(proof.programId(), 0, 8) + "…, this program's is " + program.idHex().substring(0, 16)
                    + "…)");
        }
        List<String> names = program.publicNames();
        if (proof.publicValues().size() != names.size()) {
            return Verdict.refuse("the proof has " + proof.publicValues().size() + " public values, the program "
                    + names.size());
        }
        Map<String, Fp> claimed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            claimed.put(names.get(i), proof.publicValues().get(i));
        }
        if (expectedPublic != null && !expectedPublic.equals(claimed)) {
            return new Verdict(false, "the public values do not match: the proof has " + claimed + ", " + expectedPublic
                    + " was expected", claimed, 0, 0);
        }
        // The runtime's rules over the trace.
        Machine machine = new Machine(program);
        Map<Integer, List<List<Fp>>> executions = new TreeMap<>();
        try {
            for (VmProof.Step s : proof.steps()) {
                if (s.block() < 0 || s.block() >= program.blocks().size()) {
                    return new Verdict(false, "a step names block " + s.block() + ", which the program does not have",
                            claimed, 0, 0);
                }
                Block block = program.block(s.block());
                machine.step(block, s.values());
                if (block.hasCircuit()) {
                    executions.computeIfAbsent(block.index(), b -> new ArrayList<>()).add(s.values());
                }
            }
            machine.finish();
        } catch (Machine.Refused e) {
            return new Verdict(false, e.getMessage(), claimed, proof.steps().size(), 0);
        }
        List<String> keys = program.publicKeys();
        for (int i = 0; i < keys.size(); i++) {
            if (!proof.publicValues().get(i).equals(machine.value(keys.get(i)))) {
                return new Verdict(false, "public input " + names.get(i) + " is " + proof.publicValues().get(i)
                        + " in the proof, but the trace's entry block made it " + machine.value(keys.get(i)), claimed,
                        proof.steps().size(), 0);
            }
        }
        // One proof per block that ran and has a circuit, in block order, stacked as the trace says.
        List<Integer> ran = new ArrayList<>(executions.keySet());
        List<Integer> proven = new ArrayList<>();
        for (VmProof.Group g : proof.groups()) {
            proven.add(g.block());
        }
        if (!ran.equals(proven)) {
            return new Verdict(false, "the proof holds block proofs for blocks " + proven + ", the trace needs them for "
                    + ran, claimed, proof.steps().size(), 0);
        }
        int maxK = 1;
        for (VmProof.Group g : proof.groups()) {
            if (!BlockKeys.fits(program.block(g.block()), executions.get(g.block()).size())) {
                return new Verdict(false, "block " + program.block(g.block()).name() + " runs "
                        + executions.get(g.block()).size() + " times, more than one block proof can hold", claimed,
                        proof.steps().size(), 0);
            }
            int m = BlockKeys.copies(program.block(g.block()), executions.get(g.block()).size());
            if (g.copies() != m) {
                return new Verdict(false, "the proof of block " + program.block(g.block()).name() + " stacks "
                        + g.copies() + " copies, its " + executions.get(g.block()).size() + " executions need " + m,
                        claimed, proof.steps().size(), 0);
            }
            maxK = Math.max(maxK, BlockKeys.k(program.block(g.block()), m));
        }
        byte[] opening = proof.opening();
        if (opening != null && proof.groups().isEmpty() && opening.length > 0) {
            return new Verdict(false, "the proof has an opening of " + opening.length + " bytes but no block proofs",
                    claimed, proof.steps().size(), 0);
        }
        try (IpaParams params = IpaParams.setup(backend, maxK)) {
            BatchVerifier batch = new BatchVerifier();
            List<Verifier.Unopened> unopened = new ArrayList<>();
            for (VmProof.Group g : proof.groups()) {
                Block block = program.block(g.block());
                int m = g.copies();
                IpaParams p = params.truncate(BlockKeys.k(block, m));
                VerifyingKey vk = BlockKeys.verifyingKey(p, BlockKeys.circuitShape(block, m), m, keyCache);
                List<List<Fp>> instances = BlockKeys.instances(block, executions.get(g.block()), m);
                if (opening == null) {
                    batch.add(vk, instances, g.transcript()); // format 1: each block proof opens itself
                    continue;
                }
                try {
                    unopened.add(Verifier.readUnopened(vk, instances, g.transcript()));
                } catch (MalformedProofException e) {
                    return new Verdict(false, "a block proof is malformed: proof " + unopened.size() + " (block "
                            + block.name() + "): " + e.getMessage(), claimed, proof.steps().size(),
                            proof.groups().size());
                }
            }
            if (!batch.refusals().isEmpty()) {
                return new Verdict(false, "a block proof is malformed: " + batch.refusals().get(0), claimed,
                        proof.steps().size(), proof.groups().size());
            }
            if (!unopened.isEmpty()) {
                try {
                    batch.add(SharedOpening.read(unopened, opening));
                } catch (MalformedProofException e) {
                    return new Verdict(false, "the block proofs' opening is malformed: " + e.getMessage(), claimed,
                            proof.steps().size(), proof.groups().size());
                }
            }
            boolean ok = batch.verify(params);
            return new Verdict(ok, ok ? null : "the block proofs do not verify", claimed, proof.steps().size(),
                    proof.groups().size());
        }
    }
}
