package dev.vampvm.vm;

import dev.vampvm.commit.DeferredIpaCheck;
import dev.vampvm.commit.IpaParams;
import dev.vampvm.commit.MultiopenProver;
import dev.vampvm.commit.MultiopenVerifier;
import dev.vampvm.commit.ProverQuery;
import dev.vampvm.commit.VerifierQuery;
import dev.vampvm.field.Fp;
import dev.vampvm.plonk.prover.Prover;
import dev.vampvm.plonk.verifier.Verifier;
import dev.vampvm.transcript.MalformedProofException;
import dev.vampvm.transcript.Transcript;
import dev.vampvm.transcript.TranscriptReader;
import dev.vampvm.transcript.TranscriptWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The one multipoint opening of all a VM proof's block proofs (VM proof format 2). Each block proof stops after its
 * evaluations ({@link Prover#proveUnopened}); a transcript of its own absorbs the number of block proofs and, in
 * block order, the challenge each block proof's transcript gives after its last byte (which stands for its key, its
 * public inputs, its commitments and its evaluations), then runs the multipoint opening ({@link MultiopenProver}) of
 * every block proof's queries at once, with IPA parameters of the largest k: a smaller block proof's polynomials are
 * its coefficients followed by zeros, committed with a prefix of the same bases. One IPA for the run instead of one per
 * block proof: the opening's cost follows the largest block proof, not their number.
 *
 * <p>Sound as a single proof's opening is: the opening's challenges are drawn after every claim it proves is fixed
 * (each binding challenge is a hash of its block proof's transcript), and the block proofs' own checks at x are
 * polynomial identities that do not rest on the committed polynomials' degree, which an opening with larger parameters
 * no longer bounds by the block's 2^k.
 */
final class SharedOpening {
    static final String TRANSCRIPT_DOMAIN = "vampvm-vm-open";

    private SharedOpening() {
    }

    /**
     * The opening's bytes for the block proofs, in block order, with {@code params} (of at least their largest k)
     * taken down to their largest k.
     */
    static byte[] prove(IpaParams params, List<Prover.Unopened> proofs, RandomGenerator rng) {
        TranscriptWriter transcript = Transcript.forProving(TRANSCRIPT_DOMAIN);
        List<Fp> bindings = new ArrayList<>();
        List<ProverQuery> queries = new ArrayList<>();
        int size = 1;
        for (Prover.Unopened p : proofs) {
            bindings.add(p.binding());
            queries.addAll(p.queries());
            for (ProverQuery q : p.queries()) {
                size = Math.max(size, q.polynomial().size());
            }
        }
        absorb(transcript::absorbScalar, bindings);
        int k = Integer.numberOfTrailingZeros(size);
        MultiopenProver.open(params.k() == k ? params : params.truncate(k), transcript, queries, rng);
        return transcript.toByteArray();
    }

    /**
     * Reads the opening of the block proofs, in block order, at their largest k.
     *
     * @throws MalformedProofException when the opening is malformed (what {@link MultiopenVerifier#read} refuses, and
     *     bytes left over)
     */
    static DeferredIpaCheck read(List<Verifier.Unopened> proofs, byte[] opening) throws MalformedProofException {
        TranscriptReader transcript = Transcript.forVerifying(TRANSCRIPT_DOMAIN, opening);
        List<Fp> bindings = new ArrayList<>();
        List<List<VerifierQuery>> queries = new ArrayList<>();
        int k = 0;
        for (Verifier.Unopened p : proofs) {
            bindings.add(p.binding());
            queries.add(p.queries());
            k = Math.max(k, p.k());
        }
        absorb(transcript::absorbScalar, bindings);
        DeferredIpaCheck check = MultiopenVerifier.readShared(k, transcript, queries);
        transcript.finish();
        return check;
    }

    private static void absorb(Consumer<Fp> absorb, List<Fp> bindings) {
        absorb.accept(Fp.of(bindings.size()));
        bindings.forEach(absorb);
    }
}
