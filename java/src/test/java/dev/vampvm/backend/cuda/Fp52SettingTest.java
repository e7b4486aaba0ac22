package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.testing.Emulator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code -Dvampvm.cuda.fp52}: which kernels work in kernels/ff/fp52n.cuh's form. */
class Fp52SettingTest {

    @Test
    void aListOrAllNamesTheKernels() {
        for (boolean fullRate : new boolean[] {false, true}) {
            assertEquals(fullRate ? CudaBackend.FP52_AUTO : Set.of(), CudaBackend.fp52Kernels(null, fullRate),
                    "auto when absent");
            assertEquals(Set.of(), CudaBackend.fp52Kernels(" ", fullRate));
            assertEquals(Set.of(), CudaBackend.fp52Kernels("none", fullRate));
            assertEquals(Set.of("msm"), CudaBackend.fp52Kernels("msm", fullRate));
            assertEquals(Set.of("ntt", "fold"), CudaBackend.fp52Kernels("fold, ntt", fullRate));
            assertEquals(Set.of("msm", "ntt", "fold"), CudaBackend.fp52Kernels("all", fullRate));
            assertEquals(Set.of("msm", "ntt", "fold"), CudaBackend.fp52Kernels("msm,all", fullRate));
        }
    }

    @Test
    void autoTakesItsKernelsOnlyWhereFp64RunsAtFullRate() {
        assertEquals(CudaBackend.FP52_AUTO, CudaBackend.fp52Kernels("auto", true));
        assertEquals(Set.of(), CudaBackend.fp52Kernels("auto", false));
        assertEquals(Set.of("ntt"), CudaBackend.fp52Kernels("auto,ntt", false), "a kernel named is taken anyway");
    }

    @Test
    void theDataCentrePartsRunFp64AtFullRate() {
        for (int[] cc : new int[][] {{8, 0}, {9, 0}, {10, 0}, {7, 0}}) {
            assertTrue(new GpuProbe.Device(0, "x", 1, cc[0], cc[1]).fullRateFp64(), cc[0] + "." + cc[1]);
        }
        for (int[] cc : new int[][] {{8, 6}, {8, 9}, {12, 0}, {7, 5}, {9, 1}}) {
            assertFalse(new GpuProbe.Device(0, "x", 1, cc[0], cc[1]).fullRateFp64(), cc[0] + "." + cc[1]);
        }
    }

    @Test
    void theEngineResolvesAutoByItsDevice() {
        Emulator.assumeAvailable();
        final class FullRate extends ForwardingDevice {
            FullRate(DeviceApi inner) {
                super(inner);
            }

            @Override
            public boolean fullRateFp64() {
                return true;
            }
        }
        try (CudaBackend fullRate = new CudaBackend(new FullRate(EmulatedDevice.open()), "auto");
                CudaBackend emulated = new CudaBackend(EmulatedDevice.open(), "auto");
                CudaBackend named = new CudaBackend(EmulatedDevice.open(), "fold");
                CudaBackend absent = new CudaBackend(new FullRate(EmulatedDevice.open()), null);
                CudaBackend none = new CudaBackend(new FullRate(EmulatedDevice.open()), "none")) {
            assertTrue(fullRate.msmFp52 && !fullRate.nttFp52 && !fullRate.foldFp52, "auto on a full-rate device");
            assertTrue(absent.msmFp52 && !absent.nttFp52 && !absent.foldFp52, "auto when absent");
            assertFalse(emulated.msmFp52 || emulated.nttFp52 || emulated.foldFp52,
                    "the emulator has no full-rate FP64");
            assertTrue(named.foldFp52 && !named.msmFp52 && !named.nttFp52, "what is named, whatever the device");
            assertFalse(none.msmFp52 || none.nttFp52 || none.foldFp52, "none when asked for");
        }
        assertThrows(IllegalArgumentException.class, () -> new CudaBackend(EmulatedDevice.open(), "ntt,quotient"),
                "refused when the engine opens");
    }

    @Test
    void anythingElseIsRefusedWithWhatIsAccepted() {
        for (String bad : new String[] {"true", "msm,", "msm;ntt", "MSM", "quotient", "none,msm"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CudaBackend.fp52Kernels(bad, true), bad);
            assertTrue(e.getMessage().contains("vampvm.cuda.fp52") && e.getMessage().contains("msm, ntt and fold")
                    && e.getMessage().contains("auto") && e.getMessage().contains(bad), e.getMessage());
        }
    }
}
