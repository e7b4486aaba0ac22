package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NativeArtifacts#fatbinArchitectures}: the build's own fat binary, a made-up one, and broken ones. */
class FatbinArchitecturesTest {

    /** The kernels CMake built (when nvcc was there): the four architectures the README names and their PTX. */
    @Test
    void theBuiltKernelsHoldEveryArchitectureTheBuildNames() {
        byte[] image = NativeArtifacts.kernelImage();
        assumeTrue(image != null, "the kernels were not built (no nvcc)");
        List<String> archs = NativeArtifacts.fatbinArchitectures(image);
        assertTrue(archs.containsAll(List.of("sm_80", "sm_86", "sm_89", "sm_90", "compute_90 PTX")), archs.toString());
        assertEquals(5, archs.size(), archs.toString());
    }

    @Test
    void aContainerOfOneImageAndOnePtxReadsInOrder() {
        byte[] image = container(entry(2, 90, 100), entry(1, 90, 40));
        assertEquals(List.of("sm_90", "compute_90 PTX"), NativeArtifacts.fatbinArchitectures(image));
        assertEquals(List.of(), NativeArtifacts.fatbinArchitectures(container()));
    }

    @Test
    void whatIsNotAFatBinaryIsRefusedByName() {
        IllegalArgumentException magic = assertThrows(IllegalArgumentException.class,
                () -> NativeArtifacts.fatbinArchitectures(new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0}));
        assertTrue(magic.getMessage().contains("not a CUDA fat binary"), magic.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NativeArtifacts.fatbinArchitectures(new byte[3]));
        byte[] whole = container(entry(2, 80, 64));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 1);
        IllegalArgumentException shortened = assertThrows(IllegalArgumentException.class,
                () -> NativeArtifacts.fatbinArchitectures(cut));
        assertTrue(shortened.getMessage().contains("bytes, in"), shortened.getMessage());
        byte[] odd = container(entry(7, 80, 8));
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> NativeArtifacts.fatbinArchitectures(odd));
        assertTrue(kind.getMessage().contains("unknown kind 7"), kind.getMessage());
        // An entry whose payload claims more than the container holds.
        byte[] liar = container(entry(2, 80, 8));
        ByteBuffer.wrap(liar).order(ByteOrder.LITTLE_ENDIAN).putLong(16 + 8, 1000);
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                () -> NativeArtifacts.fatbinArchitectures(liar));
        assertTrue(past.getMessage().contains("runs past its container"), past.getMessage());
    }

    /** An entry: a 64-byte header (kind, header size, payload size, architecture at 28) and a zero payload. */
    private static byte[] entry(int kind, int arch, int payload) {
        ByteBuffer b = ByteBuffer.allocate(64 + payload).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) kind);
        b.putInt(4, 64);
        b.putLong(8, payload);
        b.putInt(28, arch);
        return b.array();
    }

    private static byte[] container(byte[]... entries) {
        int size = 0;
        for (byte[] e : entries) {
            size += e.length;
        }
        ByteBuffer b = ByteBuffer.allocate(16 + size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xBA55ED50).putShort((short) 1).putShort((short) 16).putLong(size);
        for (byte[] e : entries) {
            b.put(e);
        }
        return b.array();
    }
}
