// The prover's quotient numerator on the device: a straight-line constraint program (dev.vampvm.backend.PointProgram)
// interpreted once per point, one thread per point. Its registers live in the thread's local memory, SLOTS of them
// (16, 32 or 64: one kernel each, the engine picks the smallest that holds the program;
// dev.vampvm.plonk.evaluation.Program#forEngine allocates them by liveness and refuses a program that needs more
// than EVAL_MAX_SLOTS, which then runs on the host); the sources are one vector after another; the folded result is
// multiplied by a periodic factor (1 / Z_H on the extended coset). Operands were checked on the host
// (Arguments.checkPointProgram).
#pragma once

#include "../ff/device_support.cuh"

namespace vv {
namespace eval {

constexpr int EVAL_MAX_SLOTS = 64;

enum : uint32_t { LOAD = 0, CONST = 1, ADD = 2, SUB = 3, MUL = 4, NEG = 5, SCALE = 6, FOLD = 7 };

// Point i < 2^log_size: runs the n_instr instructions of `code` (4 words each: op, dst, a, b) over SLOTS registers.
template <int SLOTS, class F>
VV_INLINE void program_body(uint32_t i, const uint32_t *code, uint32_t n_instr, const F *consts, const F *sources,
                            const F *factors, uint32_t factor_mask, F *out, int log_size) {
    const uint32_t size = 1u << log_size;
    const uint32_t mask = size - 1;
    static_assert(SLOTS <= EVAL_MAX_SLOTS, "register file");
    F r[SLOTS];
    F acc = F::zero();
    for (uint32_t k = 0; k < n_instr; k++) {
        const uint32_t *c = code + 4 * (size_t)k;
        const uint32_t d = c[1], a = c[2], b = c[3];
        switch (c[0]) {
            case LOAD: r[d] = sources[(size_t)a * size + ((i + b) & mask)]; break;
            case CONST: r[d] = consts[a]; break;
            case ADD: r[d] = r[a] + r[b]; break;
            case SUB: r[d] = r[a] - r[b]; break;
            case MUL: r[d] = r[a] * r[b]; break;
            case NEG: r[d] = -r[a]; break;
            case SCALE: r[d] = r[a] * consts[b]; break;
            default: acc = acc + r[a] * consts[b]; break;
        }
    }
    out[i] = acc * factors[i & factor_mask];
}

}  // namespace eval
}  // namespace vv
