package dev.vampvm.field;

/**
 * Whether {@link FieldLanes} may run: the one check every user of the lanes makes before it loads a class that
 * touches the Vector API. This class itself touches none, so it is safe to call without the module.
 */
public final class Lanes {

    /** The system property that turns the vector lanes off ({@code -Dvampvm.lanes=off}): for comparisons. */
    public static final String PROPERTY = "vampvm.lanes";
    /**
     * The system property that holds the lanes to 256-bit vectors, four lanes ({@code -Dvampvm.lanes.bits=256}, what
     * an AVX2 CPU runs), to run and time that width on a wider CPU. Read once per JVM: see
     * {@link FieldLanes#preferredSpecies}.
     */
    public static final String BITS_PROPERTY = "vampvm.lanes.bits";

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
