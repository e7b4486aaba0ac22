package dev.vampvm.curve;

import java.util.stream.IntStream;

/**
 * The IPA commitment generators, derived as halo2_proofs derives them in {@code Params::new(k)}
 * ({@code poly/commitment.rs}), so that anyone can re-derive ours and our parameters agree with halo2's:
 * with H = Vesta's {@code hash_to_curve("Halo2-Parameters")},
 * <ul>
 *   <li>G_i = H(0x00 ‖ u32le(i)) for i = 0 .. n − 1 (a 5-byte message),</li>
 *   <li>W = H(0x01), the blinding generator,</li>
 *   <li>U = H(0x02), the generator the IPA binds the evaluation to.</li>
 * </ul>
 * halo2's generators do not depend on k beyond their number: G_0 .. G_{n−1} for 2^k rows are a prefix of those
 * for 2^(k+1), which is what lets proofs of different sizes share one final MSM.
 */
public final class Generators {

    /** halo2's domain prefix for its commitment parameters. */
    public static final String HALO2_PREFIX = "Halo2-Parameters";

    private static final Generators VESTA_HALO2 = new Generators(ShortWeierstrassCurve.VESTA, HALO2_PREFIX);

    private final ShortWeierstrassCurve curve;
    private final HashToCurve hash;
    private final String prefix;

    private Generators(ShortWeierstrassCurve curve, String prefix) {
        this.curve = curve;
        this.hash = HashToCurve.of(curve);
        this.prefix = prefix;
        // Fail here, not on first use, if the prefix cannot form a tag.
        hash.hashToField(prefix, new byte[0], new long[8], 0);
    }

    /** halo2's generators: Vesta, prefix "Halo2-Parameters". */
    public static Generators vesta() {
        return VESTA_HALO2;
    }

    /** The same derivation on Vesta under another domain prefix (independent generators for other uses). */
    public static Generators vesta(String prefix) {
        return HALO2_PREFIX.equals(prefix) ? VESTA_HALO2 : new Generators(ShortWeierstrassCurve.VESTA, prefix);
    }

    public ShortWeierstrassCurve curve() {
        return curve;
    }

    public String prefix() {
        return prefix;
    }

    /**
     * G_0 .. G_{count−1} in the flat affine layout (8 longs each). Hashed in parallel (a parallel stream over
     * the common pool), then normalised with one batch inversion.
     */
    public long[] generatorsAffine(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative generator count " + count);
        }
        final int pl = ShortWeierstrassCurve.PROJECTIVE_LONGS;
        long[] projective = new long[pl * count];
        IntStream.range(0, count).parallel().forEach(i -> hash.hashProjective(prefix, message(i), projective, pl * i));
        long[] affine = new long[ShortWeierstrassCurve.AFFINE_LONGS * count];
        curve.batchProjectiveToAffine(projective, 0, count, affine, 0);
        return affine;
    }

    /** G_i in the flat affine layout. */
    public long[] generatorAffine(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("negative generator index " + i);
        }
        long[] r = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        hash.hashAffine(prefix, message(i), r, 0);
        return r;
    }

    /** W = H(0x01), the blinding generator, in the flat affine layout. */
    public long[] wAffine() {
        long[] r = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        hash.hashAffine(prefix, new byte[] {1}, r, 0);
        return r;
    }

    /** U = H(0x02), in the flat affine layout. */
    public long[] uAffine() {
        long[] r = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        hash.hashAffine(prefix, new byte[] {2}, r, 0);
        return r;
    }

    /** W as a point. */
    public VestaPoint w() {
        return VestaPoint.fromAffine(wAffine(), 0);
    }

    /** U as a point. */
    public VestaPoint u() {
        return VestaPoint.fromAffine(uAffine(), 0);
    }

    /** G_i as a point. */
    public VestaPoint g(int i) {
        return VestaPoint.fromAffine(generatorAffine(i), 0);
    }

    /** 0x00 ‖ u32le(i). Indices are u32 in halo2; Java's int covers the non-negative half, which is plenty. */
    static byte[] message(int i) {
        return new byte[] {0, (byte) i, (byte) (i >>> 8), (byte) (i >>> 16), (byte) (i >>> 24)};
    }
}
