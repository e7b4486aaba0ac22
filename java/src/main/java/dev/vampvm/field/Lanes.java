package dev.vampvm.field;

/**
 * Whether {@link FieldLanes} may run: the one check every user of the lanes makes before it loads a class that
 * touches the Vector API. This class itself touches none, so it is safe to call without the module.
 */
public final class Lanes {

    /**
     * The system property that turns the vector lanes off ({@code -Dvampvm.lanes=off}) or holds them to 256-bit
     * vectors, four lanes ({@code -Dvampvm.lanes=256}, what an AVX2 CPU runs): for comparisons and tests.
     */
    public static final String PROPERTY = "vampvm.lanes";
    /** {@link #PROPERTY}'s value for 256-bit vectors. */
    public static final String NARROW = "256";

    private Lanes() {
    }

    /**
     * Whether the lanes can be used for this field: the Vector API module present (bin/vampvm adds it), vectors of
     * at least four longs (AVX2; two lanes are no faster than the scalar kernels), a Pasta-shape field, and not
     * turned off.
     */
    public static boolean usable(MontgomeryField f) {
        return !"off".equals(System.getProperty(PROPERTY))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && FieldLanes.preferredSpecies().length() >= 4 && FieldLanes.takes(f);
    }
}
