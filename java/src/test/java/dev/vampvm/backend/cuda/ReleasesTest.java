package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleasesTest {

    @Test
    void releasesNewestFirstAndOnlyOnce() {
        List<String> order = new ArrayList<>();
        Releases releases = new Releases();
        releases.add(() -> order.add("context"));
        releases.add(() -> order.add("module"));
        releases.add(() -> order.add("stream"));
        releases.releaseAll();
        releases.releaseAll();
        assertEquals(List.of("stream", "module", "context"), order);
    }

    @Test
    void aFailingReleaseDoesNotStopTheOthersAndTheFirstFailureIsThrown() {
        List<String> order = new ArrayList<>();
        Releases releases = new Releases();
        RuntimeException contextFailure = new IllegalStateException("context");
        RuntimeException streamFailure = new IllegalStateException("stream");
        releases.add(() -> {
            order.add("context");
            throw contextFailure;
        });
        releases.add(() -> order.add("module"));
        releases.add(() -> {
            order.add("stream");
            throw streamFailure;
        });
        RuntimeException thrown = assertThrows(IllegalStateException.class, releases::releaseAll);
        assertSame(streamFailure, thrown);
        assertArrayEquals(new Throwable[] {contextFailure}, thrown.getSuppressed());
        assertEquals(List.of("stream", "module", "context"), order);
    }

    @Test
    void afterAFailedAcquisitionTheReleasesFailuresAreSuppressedInTheCause() {
        List<String> order = new ArrayList<>();
        Releases releases = new Releases();
        RuntimeException releaseFailure = new IllegalStateException("cuModuleUnload");
        releases.add(() -> order.add("context"));
        releases.add(() -> {
            order.add("module");
            throw releaseFailure;
        });
        CudaException cause =
                new CudaException("cuMemAllocHost(staging slots)", 2, "CUDA_ERROR_OUT_OF_MEMORY (out of memory)");
        releases.releaseAfter(cause);
        assertEquals(List.of("module", "context"), order);
        assertArrayEquals(new Throwable[] {releaseFailure}, cause.getSuppressed());
    }
}
