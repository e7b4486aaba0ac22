package dev.vampvm.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Where the products of the native build (CMakeLists.txt, via native/build.sh) are found at run time: in the
 * jar under {@code /native/linux-x86_64/}, or in the folder named by the system property
 * {@code vampvm.native.dir} (to try a fresh CMake build without repacking the jar).
 *
 * <ul>
 *   <li>{@code vampvm_kernels.fatbin}: the CUDA kernels (sm_80/86/89/90 machine code plus compute_90 PTX),
 *       handed to {@code cuModuleLoadData} as bytes;</li>
 *   <li>{@code libvampvm_native.so}: the host build of the kernels' arithmetic, and the kernel emulator behind
 *       {@link CudaBackend#openEmulated()}, for tests.</li>
 * </ul>
 */
public final class NativeArtifacts {

    /** The jar folder of this platform's artifacts. */
    static final String RESOURCE_DIR = "/native/linux-x86_64/";
    public static final String KERNELS = "vampvm_kernels.fatbin";
    public static final String HOST_LIBRARY = "libvampvm_native.so";

    private NativeArtifacts() {
    }

    /** Whether this JVM runs on the one platform the native build targets. */
    public static boolean supportedPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** The kernel image bytes, or null when this build of vampvm has none (nvcc was not found). */
    public static byte[] kernelImage() {
        try (InputStream in = open(KERNELS)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + KERNELS, e);
        }
    }

    /**
     * What a CUDA fat binary holds, in its entries' order: "sm_NN" for each machine-code (ELF) image, "compute_NN PTX"
     * for each PTX one. Read from the container's own headers (little-endian): the file's (magic 0xBA55ED50, a 16-bit
     * version and header size, the 64-bit size of what follows), then per entry its kind (1 PTX, 2 ELF), its header's
     * size, its payload's size and, 28 bytes in, the architecture (e.g. 90); the next entry follows the payload.
     *
     * @throws IllegalArgumentException naming what is wrong when the bytes are not such a container
     */
    public static java.util.List<String> fatbinArchitectures(byte[] image) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (image.length < 16 || b.getInt(0) != 0xBA55ED50) {
            throw new IllegalArgumentException("not a CUDA fat binary (no 0xBA55ED50 magic at its start)");
        }
        int headerSize = Short.toUnsignedInt(b.getShort(6));
        long end = headerSize + b.getLong(8);
        if (headerSize < 16 || end > image.length) {
            throw new IllegalArgumentException("a fat binary whose header says " + end + " bytes, in "
                    + image.length);
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        long at = headerSize;
        while (at < end) {
            if (at + 32 > end) {
                throw new IllegalArgumentException("a fat binary entry cut short at byte " + at);
            }
            int i = (int) at;
            int kind = Short.toUnsignedInt(b.getShort(i));
            long entryHeader = Integer.toUnsignedLong(b.getInt(i + 4));
            long payload = b.getLong(i + 8);
            int arch = b.getInt(i + 28);
            if (kind == 1) {
                out.add("compute_" + arch + " PTX");
            } else if (kind == 2) {
                out.add("sm_" + arch);
            } else {
                throw new IllegalArgumentException("a fat binary entry of unknown kind " + kind + " at byte " + at);
            }
            if (entryHeader < 32 || payload < 0 || at + entryHeader + payload > end) {
                throw new IllegalArgumentException("a fat binary entry at byte " + at + " runs past its container");
            }
            at += entryHeader + payload;
        }
        return out;
    }

    /**
     * The host library as a file JNA can load (extracted from the jar to a temporary file, deleted at
     * exit), or null when this build has none (cmake was not found).
     */
    public static Path hostLibrary() {
        String dir = System.getProperty("vampvm.native.dir");
        if (dir != null) {
            Path p = Path.of(dir, HOST_LIBRARY);
            return Files.isRegularFile(p) ? p : null;
        }
        try (InputStream in = NativeArtifacts.class.getResourceAsStream(RESOURCE_DIR + HOST_LIBRARY)) {
            if (in == null) {
                return null;
            }
            Path tmp = Files.createTempFile("vampvm_native", ".so");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("extracting " + HOST_LIBRARY, e);
        }
    }

    /** Where the artifacts are looked for, for messages. */
    public static String searchedLocation() {
        String dir = System.getProperty("vampvm.native.dir");
        return dir != null ? dir + " (vampvm.native.dir)" : "the vampvm jar (" + RESOURCE_DIR + ")";
    }

    private static InputStream open(String name) throws IOException {
        String dir = System.getProperty("vampvm.native.dir");
        if (dir != null) {
            Path p = Path.of(dir, name);
            return Files.isRegularFile(p) ? Files.newInputStream(p) : null;
        }
        return NativeArtifacts.class.getResourceAsStream(RESOURCE_DIR + name);
    }
}
