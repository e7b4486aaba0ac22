package dev.vampvm.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.backend.cuda.GpuProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * {@link EngineProofTest} on a real GPU ({@link Engine#CUDA}): static and VM proofs made with {@code --gpu} are byte for
 * byte the Java engine's and the CPU verifier accepts them; a proof larger than the GPU's (limited) memory is refused
 * before proving. Skipped without a usable GPU.
 */
@Tag("gpu")
class CudaEngineProofTest extends EngineProofTest {

    @Override
    Engine engine() {
        return Engine.CUDA;
    }

    @Override
    @BeforeEach
    void engineAvailable() {
        GpuProbe.Result r = GpuProbe.probe();
        assumeTrue(r.usable(), () -> "no usable GPU: " + r.reason());
    }
}
