// Runs the kernels of kernels/vampvm.cu on the CPU, whole: the file itself is compiled here for the host
// (through cuda_host_shim.h), and vv_emu_launch takes exactly what cuLaunchKernel takes (a kernel name, a 1-D
// launch geometry, kernelParams: params[i] points at the i-th argument's value). Java's emulated device
// (dev.vampvm.backend.cuda.EmulatedDevice) calls it with host memory standing in for device memory, so that
// CudaBackend's launch sequences, argument marshalling and the kernels' index arithmetic, grid-stride loops,
// shared memory and barriers all run in CI without a GPU.
//
// Model. Launches are serialised (one mutex). Blocks run one after another. Within a block, the first thread
// runs as a coroutine (its own stack; a hand-rolled switch on x86-64, ucontext elsewhere): if it finishes without reaching __syncthreads(), the block needs no
// barrier and the other threads run as plain calls, one after another (fast); if it reaches one, every
// thread of the block becomes a coroutine and the scheduler resumes them round-robin, releasing the barrier
// when all of them wait at it. A thread that exits while others wait at a barrier, or that reaches a barrier
// after the first thread exited without one, is a barrier divergence: the launch fails with a message naming
// the block and threads, instead of hanging (a GPU hangs or corrupts shared memory). "First" is in the
// launch's schedule order: ascending thread and block indices, descending, or a seeded permutation.
//
// What this cannot see: real concurrency (a race between threads that happens to give the right answer in
// this order), warp-synchronous behaviour, the PTX carry chains (__CUDA_ARCH__ code), register and shared
// memory limits. See kernels/README.md.
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cuda_host_shim.h"

#include "../kernels/vampvm.cu"

#define VV_EXPORT extern "C" __attribute__((visibility("default")))

vv_emu_uint3 threadIdx, blockIdx, blockDim, gridDim;

// ---- test-only kernels (never in vampvm.cu): they show that barriers are real and divergence is caught --

// out[b * blockDim + t] = in[b * blockDim + blockDim - 1 - t] through shared memory: wrong unless every
// thread's store happens before any thread's load, i.e. unless __syncthreads() really waits.
extern "C" __global__ void vv_emu_test_reverse_block(const uint32_t *in, uint32_t *out) {
    __shared__ uint32_t s[1024];
    const uint32_t base = blockIdx.x * blockDim.x;
    s[threadIdx.x] = in[base + threadIdx.x];
    __syncthreads();
    out[base + threadIdx.x] = s[blockDim.x - 1 - threadIdx.x];
}

// Thread `who` returns early; the others wait at a barrier it never reaches.
extern "C" __global__ void vv_emu_test_divergent_barrier(uint32_t who, uint32_t *out) {
    if (threadIdx.x == who) return;
    __syncthreads();
    out[threadIdx.x] = 1;
}

// Thread `who` (a global index) reads address 64, after a barrier if `barrier`: an access fault, which the
// launch must report rather than crash the process.
extern "C" __global__ void vv_emu_test_fault(uint32_t who, uint32_t barrier, uint32_t *out) {
    if (barrier) __syncthreads();
    const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
    // Address 64 (out is 256-byte aligned), computed so that the compiler does not see a constant address.
    const volatile uint32_t *wild = (const volatile uint32_t *)((uintptr_t)out % 256 + 64);
    out[i] = i == who ? *wild : i;
}

namespace {

// ---- the registry: kernel name -> a launcher that unpacks kernelParams into the kernel's arguments ----

using launcher = void (*)(void **params);

template <class... A, size_t... I>
void call_unpacked(void (*kernel)(A...), void **params, std::index_sequence<I...>) {
    kernel(*static_cast<std::remove_cv_t<std::remove_reference_t<A>> *>(params[I])...);
}

template <class K>
struct arity;
template <class... A>
struct arity<void (*)(A...)> {
    static constexpr size_t value = sizeof...(A);
};

// params[i] points at a value of the kernel's i-th parameter type, as cuLaunchKernel's kernelParams.
template <auto K>
void launch_one(void **params) {
    call_unpacked(K, params, std::make_index_sequence<arity<decltype(K)>::value>{});
}

// The kernel's parameters as the launcher will read them, e.g. "p,p,32,4": "p" for a pointer (a device
// address), otherwise the value's size in bytes. EmulatedDevice checks every launch's arguments against it, so
// that an argument list out of step with the kernel fails by name instead of feeding the kernel garbage.
template <class T>
std::string parameter_code() {
    if constexpr (std::is_pointer_v<T>) {
        return "p";
    } else {
        return std::to_string(sizeof(T));
    }
}

template <class... A>
std::string signature_of(void (*)(A...)) {
    std::string s;
    ((s += (s.empty() ? "" : ","), s += parameter_code<A>()), ...);
    return s;
}

template <auto K>
std::string signature() {
    return signature_of(K);
}

struct kernel_entry {
    const char *name;
    launcher run;
    std::string (*signature)();
    // The kernel's __launch_bounds__: a GPU refuses a larger block. The shim cannot read the attribute, so it
    // is repeated here, and EmulatedKernelsTest checks each against vampvm.cu.
    uint32_t max_threads;
};

#define VV_EMU_KERNEL(name, max_threads) {#name, &launch_one<&name>, &signature<&name>, max_threads}
#define VV_EMU_FIELD_KERNELS(F)                                                                            \
    VV_EMU_KERNEL(vv_add_##F, 256), VV_EMU_KERNEL(vv_sub_##F, 256), VV_EMU_KERNEL(vv_mul_##F, 256),        \
    VV_EMU_KERNEL(vv_scale_##F, 256), VV_EMU_KERNEL(vv_add_scaled_##F, 256),                                \
    VV_EMU_KERNEL(vv_add_constant_##F, 256), VV_EMU_KERNEL(vv_fill_##F, 256),                               \
    VV_EMU_KERNEL(vv_powers_##F, 256), VV_EMU_KERNEL(vv_invert_##F, 256),                                   \
    VV_EMU_KERNEL(vv_inner_product_##F, 256),                   \
    VV_EMU_KERNEL(vv_ntt_group_##F, 1 << (vv::ntt::TILE_LOG - 1)),                                      \
    VV_EMU_KERNEL(vv_ntt_group52_##F, 1 << (vv::ntt::TILE_LOG - 1)), VV_EMU_KERNEL(vv_ntt_reverse_tail_##F, 256), \
    VV_EMU_KERNEL(vv_ntt_twiddles_##F, 256), VV_EMU_KERNEL(vv_ntt_twiddles52_##F, 256),                   \
    VV_EMU_KERNEL(vv_scale_by_powers_##F, 256), VV_EMU_KERNEL(vv_scan_mul_blocks_##F, 256),                \
    VV_EMU_KERNEL(vv_scan_mul_fixup_##F, 256), VV_EMU_KERNEL(vv_expand_seed_##F, 256)
#define VV_EMU_CURVE_KERNELS(C)                                                                            \
    VV_EMU_KERNEL(vv_msm_digits_##C, 256), VV_EMU_KERNEL(vv_msm_table_step_##C, 256),                       \
    VV_EMU_KERNEL(vv_msm_table_step52_##C, 256),                                                            \
    VV_EMU_KERNEL(vv_msm_accumulate_##C, 256), VV_EMU_KERNEL(vv_msm_accumulate52_##C, 256),                 \
    VV_EMU_KERNEL(vv_msm_accumulate_partials_##C, vv::msm::PARTIALS_BLOCK),                                 \
    VV_EMU_KERNEL(vv_msm_accumulate_partials52_##C, vv::msm::PARTIALS_BLOCK),                               \
    VV_EMU_KERNEL(vv_msm_reduce_##C, 256), VV_EMU_KERNEL(vv_msm_reduce52_##C, 256),                         \
    VV_EMU_KERNEL(vv_msm_reduce_pairs_##C, 256), VV_EMU_KERNEL(vv_msm_reduce_pairs52_##C, 256),             \
    VV_EMU_KERNEL(vv_msm_reduce_tail_##C, 256), VV_EMU_KERNEL(vv_msm_reduce_tail52_##C, 256),               \
    VV_EMU_KERNEL(vv_fold_##C, 256), VV_EMU_KERNEL(vv_fold2_##C, 256), VV_EMU_KERNEL(vv_fold52_##C, 256),   \
    VV_EMU_KERNEL(vv_fold2_52_##C, 256), VV_EMU_KERNEL(vv_fold_parts_##C, 256),                             \
    VV_EMU_KERNEL(vv_fold_parts52_##C, 256), VV_EMU_KERNEL(vv_fold_join_##C, 256),                          \
    VV_EMU_KERNEL(vv_to_affine_##C, 256)

// Every extern "C" kernel of vampvm.cu (EmulatedKernelsTest checks this list against the file), then the
// test-only ones above.
const kernel_entry kernels[] = {
    VV_EMU_FIELD_KERNELS(fp),
    VV_EMU_FIELD_KERNELS(fq),
    VV_EMU_KERNEL(vv_msm_scan_blocks, 1024),
    VV_EMU_KERNEL(vv_msm_scan_fixup, 256),
    VV_EMU_KERNEL(vv_msm_scatter, 256),
    VV_EMU_KERNEL(vv_probe_products_fp, 256),
    VV_EMU_KERNEL(vv_eval_program16_fp, 256),
    VV_EMU_KERNEL(vv_eval_program32_fp, 256),
    VV_EMU_KERNEL(vv_eval_program64_fp, 256),
    VV_EMU_CURVE_KERNELS(pallas),
    VV_EMU_CURVE_KERNELS(vesta),
    VV_EMU_KERNEL(vv_emu_test_reverse_block, 1024),
    VV_EMU_KERNEL(vv_emu_test_divergent_barrier, 1024),
    VV_EMU_KERNEL(vv_emu_test_fault, 1024),
};
constexpr int kernel_count = sizeof(kernels) / sizeof(kernels[0]);

const kernel_entry *find(const char *name) {
    for (const kernel_entry &k : kernels)
        if (strcmp(k.name, name) == 0) return &k;
    return nullptr;
}

// ---- threads of a block as coroutines ---------------------------------------------------------------

// CUDA's driver codes for the failures reported (CUresult).
constexpr int CUDA_ERROR_INVALID_VALUE = 1;
constexpr int CUDA_ERROR_OUT_OF_MEMORY = 2;
constexpr int CUDA_ERROR_NOT_FOUND = 500;
constexpr int CUDA_ERROR_ILLEGAL_ADDRESS = 700;
constexpr int CUDA_ERROR_LAUNCH_FAILED = 719;

constexpr uint32_t MAX_BLOCK = 1024;
// Stack per emulated thread. The deepest kernel (fold: a scalar multiplication) needs a few KiB; a guard page
// below each stack turns an overflow into an access fault (a failed launch) rather than silent corruption.
constexpr size_t STACK_BYTES = 256 * 1024;

enum class state { runnable, at_barrier, done };

// A suspended thread of execution. On x86-64 a hand-rolled switch (below): glibc's swapcontext also saves and
// restores the signal mask, a system call per switch, which made barrier-heavy launches (the inner product:
// nine barriers per thread) ten times slower. Elsewhere, or with -DVV_EMU_UCONTEXT, ucontext.
#if defined(__x86_64__) && !defined(VV_EMU_UCONTEXT)
#define VV_EMU_SWITCH 1
struct context {
    void *sp;  // the stack pointer, with the callee-saved registers pushed below the return address
};
// Saves the callee-saved registers and the stack pointer into *from, loads *to's and returns into it.
extern "C" void vv_emu_switch(void **from, void *to);
asm(R"(
    .pushsection .text
    .p2align 4
    .type vv_emu_switch, @function
vv_emu_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size vv_emu_switch, .-vv_emu_switch
    .popsection
)");
inline void switch_context(context &from, context &to) { vv_emu_switch(&from.sp, to.sp); }
#else
struct context {
    ucontext_t uc;
};
inline void switch_context(context &from, context &to) { swapcontext(&from.uc, &to.uc); }
#endif

struct fiber {
    context ctx;
    char *stack = nullptr;  // STACK_BYTES usable, a guard page below
    state st = state::done;
};

std::mutex launch_lock;
context scheduler;
fiber fibers[MAX_BLOCK];
void **current_params;
launcher current_kernel;
uint32_t current_thread;
uint32_t probe_thread;  // the block's first thread in schedule order, run as a coroutine to detect barriers
bool coroutine_mode;   // the block's threads run as coroutines (thread 0 reached a barrier)
bool plain_barrier;    // a thread run as a plain call reached a barrier: a divergence
size_t page_bytes;

bool ensure_stack(fiber &f) {
    if (f.stack) return true;
    if (!page_bytes) page_bytes = (size_t)sysconf(_SC_PAGESIZE);
    void *m = mmap(nullptr, STACK_BYTES + page_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (m == MAP_FAILED) return false;
    mprotect(m, page_bytes, PROT_NONE);
    f.stack = (char *)m + page_bytes;
    return true;
}

// A thread's whole life: run the kernel, then hand control back for good.
void fiber_main() {
    current_kernel(current_params);
    fiber &f = fibers[current_thread];
    f.st = state::done;
    switch_context(f.ctx, scheduler);
    abort();  // a finished thread is never resumed
}

bool start_fiber(uint32_t t) {
    fiber &f = fibers[t];
    if (!ensure_stack(f)) return false;
#if defined(VV_EMU_SWITCH)
    // What vv_emu_switch pops: six registers, then the return address, fiber_main's entry; above it a null
    // return address for fiber_main itself, so that at its entry rsp + 8 is 16-byte aligned, as after a call.
    uintptr_t *sp = (uintptr_t *)(f.stack + STACK_BYTES);
    *--sp = 0;
    *--sp = (uintptr_t)&fiber_main;
    for (int r = 0; r < 6; r++) *--sp = 0;
    f.ctx.sp = sp;
#else
    getcontext(&f.ctx.uc);
    f.ctx.uc.uc_stack.ss_sp = f.stack;
    f.ctx.uc.uc_stack.ss_size = STACK_BYTES;
    f.ctx.uc.uc_link = nullptr;
    makecontext(&f.ctx.uc, fiber_main, 0);
#endif
    f.st = state::runnable;
    return true;
}

void resume(uint32_t t) {
    current_thread = t;
    threadIdx.x = t;
    switch_context(scheduler, fibers[t].ctx);
}

struct failure {
    int code;
    std::string message;
};

std::string fmt(const char *pattern, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char *pattern, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, pattern);
    vsnprintf(buf, sizeof buf, pattern, ap);
    va_end(ap);
    return buf;
}

// "3 (of 256): 0, 1, 2" style lists of thread indices, kept short.
std::string threads_in(state st, uint32_t n) {
    std::string s;
    uint32_t count = 0;
    for (uint32_t t = 0; t < n; t++) {
        if (fibers[t].st != st) continue;
        if (count < 8) s += (count ? ", " : "") + std::to_string(t);
        count++;
    }
    if (count > 8) s += ", ...";
    return std::to_string(count) + " (" + s + ")";
}

// The order in which blocks, and threads within a block, run: the i-th of n is order(i, n). A GPU promises
// no order, so a correct kernel computes the same in every one; running the suites in other orders than
// 0, 1, 2, ... catches a kernel that reads what an earlier thread or block happened to write first.
// seed 0: ascending; 1: descending; otherwise an affine permutation i -> (a i + c) mod n drawn from the seed.
struct schedule {
    uint64_t seed;
    uint64_t a = 1, c = 0;
    uint32_t n = 0;

    uint32_t operator()(uint32_t i, uint32_t count) {
        if (seed == 0) return i;
        if (seed == 1) return count - 1 - i;
        if (count != n) {  // draw a and c for this count: a coprime with it
            n = count;
            uint64_t x = seed * 0x9E3779B97F4A7C15ull ^ count;
            c = (x >> 17) % count;
            a = (x >> 7) % count;
            while (gcd(a, count) != 1) a = (a + 1) % count;
        }
        return (uint32_t)((a * i + c) % count);
    }

    static uint64_t gcd(uint64_t x, uint64_t y) {
        while (y) {
            uint64_t t = x % y;
            x = y;
            y = t;
        }
        return x;
    }
};

// Runs block blockIdx.x; returns false with *err set on a divergence.
bool run_block(schedule &order, failure *err) {
    const uint32_t n = blockDim.x;
    coroutine_mode = false;
    plain_barrier = false;
    probe_thread = order(0, n);
    if (!start_fiber(probe_thread)) {
        *err = {CUDA_ERROR_OUT_OF_MEMORY, "no memory for an emulated thread's stack"};
        return false;
    }
    resume(probe_thread);
    if (fibers[probe_thread].st == state::done) {
        // No barrier on the first thread's path: the others run as plain calls; one reaching a barrier diverges.
        for (uint32_t i = 1; i < n; i++) {
            const uint32_t t = order(i, n);
            current_thread = t;
            threadIdx.x = t;
            current_kernel(current_params);
            if (plain_barrier) {
                *err = {CUDA_ERROR_LAUNCH_FAILED,
                        fmt("barrier divergence in block %u: thread %u reached __syncthreads() after thread %u had "
                            "exited without reaching it", blockIdx.x, t, probe_thread)};
                return false;
            }
        }
        return true;
    }
    coroutine_mode = true;
    for (uint32_t t = 0; t < n; t++) {
        if (t != probe_thread && !start_fiber(t)) {
            *err = {CUDA_ERROR_OUT_OF_MEMORY, "no memory for an emulated thread's stack"};
            return false;
        }
    }
    for (uint32_t barrier = 1;; barrier++) {
        for (uint32_t i = 0; i < n; i++) {
            const uint32_t t = order(i, n);
            if (fibers[t].st == state::runnable) resume(t);
        }
        uint32_t waiting = 0, done = 0;
        for (uint32_t t = 0; t < n; t++) {
            waiting += fibers[t].st == state::at_barrier;
            done += fibers[t].st == state::done;
        }
        if (done == n) return true;
        if (waiting == n) {
            for (uint32_t t = 0; t < n; t++) fibers[t].st = state::runnable;
            continue;
        }
        *err = {CUDA_ERROR_LAUNCH_FAILED,
                fmt("barrier divergence in block %u at its barrier %u: threads %s wait at __syncthreads() while "
                       "threads %s have exited", blockIdx.x, barrier, threads_in(state::at_barrier, n).c_str(),
                       threads_in(state::done, n).c_str())};
        return false;
    }
}

void put(char *err, int errlen, const std::string &msg) {
    if (err && errlen > 0) snprintf(err, (size_t)errlen, "%s", msg.c_str());
}

// ---- access faults: a kernel's out-of-bounds access fails its launch instead of killing the process --------
// While a launch runs, SIGSEGV and SIGBUS are ours, on an alternate stack (a fault may be a thread's stack
// overflowing into its guard page): a fault on the launching thread jumps back to vv_emu_launch, which reports
// it as the GPU would (CUDA_ERROR_ILLEGAL_ADDRESS); a fault on any other thread goes to the handler we
// replaced (the JVM's, which uses SIGSEGV itself), as libjsig chains them. Only faults are caught: a wild
// write that lands in mapped memory corrupts it silently, as on a GPU; the guard zones after allocations
// (below) catch the commonest of those, writes just past the end.

sigjmp_buf fault_return;
pthread_t launch_thread;
volatile sig_atomic_t in_kernel;
void *volatile fault_address;
struct sigaction replaced[2];  // SIGSEGV, SIGBUS
constexpr size_t FAULT_STACK_BYTES = 64 * 1024;
char fault_stack[FAULT_STACK_BYTES];

void on_fault(int sig, siginfo_t *info, void *uctx) {
    if (in_kernel && pthread_equal(pthread_self(), launch_thread)) {
        in_kernel = 0;
        fault_address = info->si_addr;
        siglongjmp(fault_return, sig);
    }
    const struct sigaction &old = replaced[sig == SIGSEGV ? 0 : 1];
    if (old.sa_flags & SA_SIGINFO) {
        old.sa_sigaction(sig, info, uctx);
    } else if (old.sa_handler == SIG_DFL) {
        signal(sig, SIG_DFL);
        raise(sig);
    } else if (old.sa_handler != SIG_IGN) {
        old.sa_handler(sig);
    }
}

// Installs the handlers and the alternate stack for one launch; the destructor puts back what was there.
struct fault_guard {
    stack_t old_stack;

    fault_guard() {
        stack_t ss;
        ss.ss_sp = fault_stack;
        ss.ss_size = FAULT_STACK_BYTES;
        ss.ss_flags = 0;
        sigaltstack(&ss, &old_stack);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_fault;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGSEGV, &sa, &replaced[0]);
        sigaction(SIGBUS, &sa, &replaced[1]);
        launch_thread = pthread_self();
    }

    ~fault_guard() {
        in_kernel = 0;
        sigaction(SIGSEGV, &replaced[0], nullptr);
        sigaction(SIGBUS, &replaced[1], nullptr);
        sigaltstack(&old_stack, nullptr);
    }
};

}  // namespace

void vv_emu::syncthreads() {
    if (!coroutine_mode) {
        if (current_thread == probe_thread) {
            // The first thread is a coroutine: park it; the scheduler switches the block to coroutine mode.
            fibers[probe_thread].st = state::at_barrier;
            switch_context(fibers[probe_thread].ctx, scheduler);
            return;
        }
        // A plain call cannot wait: this thread diverges from the first (which exited). Let it run on; the
        // scheduler fails the launch when it returns, before any other thread runs.
        plain_barrier = true;
        return;
    }
    fiber &f = fibers[current_thread];
    f.st = state::at_barrier;
    switch_context(f.ctx, scheduler);
}

// Bumped with host_arith.cpp's vv_abi_version (one library, one version).
VV_EXPORT int vv_emu_kernel_count(void) { return kernel_count; }
VV_EXPORT const char *vv_emu_kernel_name(int i) { return i >= 0 && i < kernel_count ? kernels[i].name : nullptr; }
VV_EXPORT int vv_emu_kernel_exists(const char *name) { return name && find(name) ? 1 : 0; }
// The kernel's parameter codes (see parameter_code), NUL-terminated in out; 0, or -1 for an unknown kernel.
VV_EXPORT int vv_emu_kernel_signature(const char *name, char *out, int len) {
    const kernel_entry *k = name ? find(name) : nullptr;
    if (!k) return -1;
    put(out, len, k->signature());
    return 0;
}
VV_EXPORT int vv_emu_kernel_max_threads(int i) { return i >= 0 && i < kernel_count ? (int)kernels[i].max_threads : 0; }

// 0 when the kernel ran; otherwise a CUresult code, with a message in err (NUL-terminated, at most errlen bytes).
// order: the schedule of blocks and threads (see struct schedule; 0 runs them in ascending order).
VV_EXPORT int vv_emu_launch(const char *name, uint32_t grid, uint32_t block, void **params, uint64_t order,
                            char *err, int errlen) {
    std::lock_guard<std::mutex> hold(launch_lock);
    const kernel_entry *k = name ? find(name) : nullptr;
    if (!k) {
        put(err, errlen, fmt("no kernel named %s in the emulated module", name ? name : "(null)"));
        return CUDA_ERROR_NOT_FOUND;
    }
    if (grid == 0 || grid > 0x7fffffffu) {
        put(err, errlen, fmt("grid of %u blocks (1 to 2^31 - 1)", grid));
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (block == 0 || block > MAX_BLOCK) {
        put(err, errlen, fmt("block of %u threads (1 to %u)", block, MAX_BLOCK));
        return CUDA_ERROR_INVALID_VALUE;
    }
    if (block > k->max_threads) {
        put(err, errlen, fmt("block of %u threads, more than %s's __launch_bounds__(%u)", block, name, k->max_threads));
        return CUDA_ERROR_INVALID_VALUE;
    }
    current_kernel = k->run;
    current_params = params;
    gridDim = {grid, 1, 1};
    blockDim = {block, 1, 1};
    threadIdx = {0, 0, 0};
    failure f{0, ""};
    schedule blocks{order}, threads{order};
    fault_guard guard;
    if (int sig = sigsetjmp(fault_return, 1)) {
        put(err, errlen, fmt("%s at address %p in block %u, thread %u: an out-of-bounds or wild access",
                             sig == SIGSEGV ? "segmentation fault" : "bus error", fault_address, blockIdx.x,
                             current_thread));
        return CUDA_ERROR_ILLEGAL_ADDRESS;
    }
    in_kernel = 1;
    for (uint32_t i = 0; i < grid; i++) {
        blockIdx = {blocks(i, grid), 0, 0};
        if (!run_block(threads, &f)) {
            put(err, errlen, f.message);
            return f.code;
        }
    }
    return 0;
}

// ---- device memory stand-in: aligned host memory with a guard zone after the end ----------------------
// cuMemAlloc returns 256-byte aligned, uninitialised memory: so does this (filled with 0xA5, so that a kernel
// reading memory nobody wrote sees garbage, not zeros). The 64 bytes after the end hold a pattern that
// vv_emu_guard_intact checks, so that the Java side can report a kernel that wrote past an allocation.

namespace {
constexpr size_t ALIGN = 256, GUARD = 64;
constexpr unsigned char FILL = 0xA5, GUARD_BYTE = 0x5A;
std::mutex memory_lock;
long live_allocations;
}  // namespace

VV_EXPORT void *vv_emu_alloc(uint64_t bytes) {
    void *p = nullptr;
    if (posix_memalign(&p, ALIGN, (size_t)bytes + GUARD) != 0) return nullptr;
    memset(p, FILL, (size_t)bytes);
    memset((char *)p + bytes, GUARD_BYTE, GUARD);
    std::lock_guard<std::mutex> hold(memory_lock);
    live_allocations++;
    return p;
}

VV_EXPORT int vv_emu_guard_intact(const void *p, uint64_t bytes) {
    const unsigned char *g = (const unsigned char *)p + bytes;
    for (size_t i = 0; i < GUARD; i++)
        if (g[i] != GUARD_BYTE) return 0;
    return 1;
}

VV_EXPORT void vv_emu_free(void *p) {
    if (!p) return;
    free(p);
    std::lock_guard<std::mutex> hold(memory_lock);
    live_allocations--;
}

VV_EXPORT long vv_emu_live_allocations(void) {
    std::lock_guard<std::mutex> hold(memory_lock);
    return live_allocations;
}

VV_EXPORT void vv_emu_copy(void *dst, const void *src, uint64_t bytes) { memmove(dst, src, (size_t)bytes); }
