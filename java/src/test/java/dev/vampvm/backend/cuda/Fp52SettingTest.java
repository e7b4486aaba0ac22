package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code -Dvampvm.cuda.fp52}: which kernels work in kernels/ff/fp52n.cuh's form. */
class Fp52SettingTest {

    @Test
    void aListOrAllNamesTheKernels() {
        assertEquals(Set.of(), CudaBackend.fp52Kernels(null));
        assertEquals(Set.of(), CudaBackend.fp52Kernels(" "));
        assertEquals(Set.of("msm"), CudaBackend.fp52Kernels("msm"));
        assertEquals(Set.of("ntt", "fold"), CudaBackend.fp52Kernels("fold, ntt"));
        assertEquals(Set.of("msm", "ntt", "fold"), CudaBackend.fp52Kernels("all"));
        assertEquals(Set.of("msm", "ntt", "fold"), CudaBackend.fp52Kernels("msm,all"));
    }

    @Test
    void anythingElseIsRefusedWithWhatIsAccepted() {
        for (String bad : new String[] {"true", "msm,", "msm;ntt", "MSM", "quotient"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CudaBackend.fp52Kernels(bad), bad);
            assertTrue(e.getMessage().contains("vampvm.cuda.fp52") && e.getMessage().contains("msm, ntt and fold")
                    && e.getMessage().contains(bad), e.getMessage());
        }
    }
}
