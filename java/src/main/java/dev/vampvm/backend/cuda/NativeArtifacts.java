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
