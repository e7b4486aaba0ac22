#!/usr/bin/env python3
"""Times the product probes of a cubin built from probes.cu (run.sh builds it): the driver API through ctypes, so
that it runs on a GPU machine with only the NVIDIA driver and Python. Usage: probe.py CUBIN."""
import ctypes
import random
import sys
import time

cu = ctypes.CDLL("libcuda.so.1")


def check(result, what):
    if result != 0:
        name = ctypes.c_char_p()
        cu.cuGetErrorName(result, ctypes.byref(name))
        raise SystemExit(f"{what}: {name.value.decode() if name.value else result}")


def main():
    check(cu.cuInit(0), "cuInit")
    dev = ctypes.c_int()
    check(cu.cuDeviceGet(ctypes.byref(dev), 0), "cuDeviceGet")
    label = ctypes.create_string_buffer(256)
    check(cu.cuDeviceGetName(label, 256, dev), "cuDeviceGetName")
    ctx = ctypes.c_void_p()
    check(cu.cuCtxCreate_v2(ctypes.byref(ctx), 0, dev), "cuCtxCreate")
    module = ctypes.c_void_p()
    check(cu.cuModuleLoadData(ctypes.byref(module), open(sys.argv[1], "rb").read()), "cuModuleLoadData")

    threads, iters = 4096 * 256, 64
    rng = random.Random(1)
    # Limbs below 2^62: values below 2^254 < p, reduced as the products require.
    host = (ctypes.c_uint64 * (threads * 4))(*[rng.getrandbits(62) for _ in range(threads * 4)])
    buf, bad = ctypes.c_uint64(), ctypes.c_uint64()
    check(cu.cuMemAlloc_v2(ctypes.byref(buf), threads * 32), "cuMemAlloc")
    check(cu.cuMemAlloc_v2(ctypes.byref(bad), 4), "cuMemAlloc")
    check(cu.cuMemcpyHtoD_v2(buf, host, threads * 32), "cuMemcpyHtoD")
    check(cu.cuMemsetD32_v2(bad, 0, 1), "cuMemsetD32")

    def launch(name, *args):
        f = ctypes.c_void_p()
        check(cu.cuModuleGetFunction(ctypes.byref(f), module, name.encode()), name)
        params = (ctypes.c_void_p * len(args))(*[ctypes.cast(ctypes.byref(a), ctypes.c_void_p) for a in args])
        check(cu.cuLaunchKernel(f, threads // 256, 1, 1, 256, 1, 1, 0, None, params, None), name)
        check(cu.cuCtxSynchronize(), name)

    launch("agree", ctypes.c_uint64(buf.value), ctypes.c_uint32(threads), ctypes.c_uint64(bad.value))
    mismatches = ctypes.c_uint32()
    check(cu.cuMemcpyDtoH_v2(ctypes.byref(mismatches), bad, 4), "cuMemcpyDtoH")
    print(f"{label.value.decode()}: {threads} x {iters} x 4 products per probe, best of 6; "
          f"candidates disagreeing with mont256.cuh (or its squaring with its product): {mismatches.value}")
    # The squaring probes (mul_self_*: mont256.cuh's product of a value with itself; sqr_*: its squaring) count
    # squarings, each one product's work, so their rates read against each other and against the products'.
    for name, what in (("mont256_inline", "products"), ("cios64_inline", "products"), ("radix29_inline", "products"),
                       ("fp52_inline", "products"), ("fp48_inline", "products"),
                       ("fp52n_inline", "products"), ("fp48n_inline", "products"),
                       ("mont256_call", "products"), ("cios64_call", "products"), ("radix29_call", "products"),
                       ("fp52_call", "products"), ("fp48_call", "products"),
                       ("mul_self_inline", "squarings"), ("sqr_inline", "squarings"),
                       ("mul_self_call", "squarings"), ("sqr_call", "squarings")):
        best = float("inf")
        for _ in range(6):
            start = time.perf_counter()
            launch(name, ctypes.c_uint64(buf.value), ctypes.c_uint32(threads), ctypes.c_int(iters))
            best = min(best, time.perf_counter() - start)
        print(f"{name:16s} {best * 1e3:8.3f} ms  {4 * threads * iters / best:.3e} Fp {what}/s", flush=True)
    return 1 if mismatches.value else 0


if __name__ == "__main__":
    sys.exit(main())
