#!/usr/bin/env python3
"""Writes the inputs of the VM benchmark suite (NAME.SIZE.inputs.json) and the straight-line programs
(straight.SIZE.pir), computing every public output with a plain-Python reimplementation of the program.

Run from anywhere: python3 examples/vm/gen.py. Deterministic (fixed seed); rerunning rewrites the same files.
The Java test VmSuiteProgramsTest checks the small inputs again with its own reimplementation."""
import json
import os
import random

P = 0x40000000000000000000000000000000224698fc094cf91b992d30ed00000001  # the Pallas base field
HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261125)

# Trip counts and depths per size, chosen so that static trace mode gives k = 10, 13, 16, and where that allows,
# powers of two: `prove` unrolls recursion to the smallest power of two that the run fits, so then its circuit is
# the one unrolled to exactly the depth needed (mix cannot have both; see README.md).
SIZES = ("small", "medium", "large")
LOOP_SMALL_N = {"small": 64, "medium": 512, "large": 4096}
LOOP_LARGE_N = {"small": 8, "medium": 64, "large": 512}
STRAIGHT_N = LOOP_LARGE_N
DEEP_N = {"small": 64, "medium": 512, "large": 4096}
BRANCHY_BITS = {"small": [4, 4, 4, 4], "medium": [32, 32, 32, 32], "large": [253, 253, 253, 253]}
MIX = {"small": (16, 8), "medium": (32, 32), "large": (64, 128)}  # (bits of s, depth d)


def word(bits):
    """A random word with exactly `bits` bits (top bit set), or 0."""
    return 0 if bits == 0 else (1 << (bits - 1)) | rng.getrandbits(bits - 1)


def elem():
    return rng.randrange(P)


# ---- reimplementations -------------------------------------------------------------------------

def loop_small(n, acc):
    while n != 0:
        acc = (acc * acc + n) % P
        n -= 1
    return acc


def perm(n, s):
    a, b, c = s
    for r in range(8):
        sa = pow(a + n + r ** 3 + 7, 5, P)
        sb = pow(b + r * r + 3 * r + 11, 5, P)
        sc = pow(c + 5 * r + 13, 5, P)
        a, b, c = (2 * sa + sb + sc) % P, (sa + 2 * sb + sc) % P, (sa + sb + 2 * sc) % P
    return a, b, c


def loop_large(n, s):
    while n != 0:
        s = perm(n, s)
        n -= 1
    return s


def deep(n, x):
    xs = []
    while n != 0:  # descend, keeping (n, x) as the call stack would
        xs.append((n, x))
        x = (x * x + n) % P
        n -= 1
    r = x
    for (m, y) in reversed(xs):
        r = (r * y + m) % P
    return r


def heavy(x, k):
    for i in range(8):
        x = pow(x + k + i ** 3 + 42, 5, P)
    return x


def walk(e, acc, k):
    while e != 0:
        acc = heavy(acc, k) if e & 1 else (acc + k) % P
        e >>= 1
    return acc


def poly(d, x):
    r = 1
    for i in range(1, d + 1):
        r = (r * x + i) % P
    return r


def mix(s, acc, d):
    while s != 0:
        acc = (acc + poly(d, acc)) % P if s & 1 else (acc * acc + 1) % P
        s >>= 1
    return acc


STRAIGHT = """// straight: straight-line code, no control flow at all (the {size} size: {n} permutations).
// The same function as loop_large.pir with its trip count fixed at compile time:
// perm m for m = {n}, {n} - 1, ..., 1, each 8 full rounds of a Poseidon-like permutation
// of width 3 (24 S-boxes). `iter` unrolls it; the counter m is a compile-time constant,
// so it folds into the round constants. The trip count is part of the program, so each
// size is its own file (straight.small.pir, straight.medium.pir, straight.large.pir).

def round n (a, b, c, r) = {{
    def sa = (a + n + (r^3 + 7))^5;
    def sb = (b + (r^2 + 3 * r + 11))^5;
    def sc = (c + (5 * r + 13))^5;
    (2 * sa + sb + sc, sa + 2 * sb + sc, sa + sb + 2 * sc, r + 1)
}};
def perm n (a, b, c) = {{
    def (a2, b2, c2, r) = iter 8 (round n) (a, b, c, 0);
    (a2, b2, c2)
}};
def step (m, st) = (m - 1, perm m st);

pub r0, r1, r2;
def (m, out) = iter {n} step ({n}, (x0, x1, x2));
out = (r0, r1, r2);
"""


def write(name, size, values):
    path = os.path.join(HERE, f"{name}.{size}.inputs.json")
    with open(path, "w") as f:
        f.write(json.dumps({k: str(v) for k, v in values.items()}, indent=2) + "\n")


def main():
    for size in SIZES:
        n, a = LOOP_SMALL_N[size], elem()
        write("loop_small", size, {"n": n, "a": a, "r": loop_small(n, a)})

        n, s = LOOP_LARGE_N[size], (elem(), elem(), elem())
        r = loop_large(n, s)
        write("loop_large", size, {"n": n, "x0": s[0], "x1": s[1], "x2": s[2], "r0": r[0], "r1": r[1], "r2": r[2]})

        n = STRAIGHT_N[size]
        with open(os.path.join(HERE, f"straight.{size}.pir"), "w") as f:
            f.write(STRAIGHT.format(size=size, n=n))
        s = (elem(), elem(), elem())
        r = loop_large(n, s)
        write("straight", size, {"x0": s[0], "x1": s[1], "x2": s[2], "r0": r[0], "r1": r[1], "r2": r[2]})

        n, x = DEEP_N[size], elem()
        write("recursion_deep", size, {"n": n, "x": x, "r": deep(n, x)})

        es, s0, k = [word(b) for b in BRANCHY_BITS[size]], elem(), elem()
        acc = s0
        for e in es:
            acc = walk(e, acc, k)
        write("branchy", size, {"e0": es[0], "e1": es[1], "e2": es[2], "e3": es[3], "s": s0, "k": k, "r": acc})

        bits, d = MIX[size]
        sel, a = word(bits), elem()
        write("mix", size, {"s": sel, "d": d, "a": a, "r": mix(sel, a, d)})


if __name__ == "__main__":
    main()
