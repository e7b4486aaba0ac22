// straight: straight-line code, no control flow at all (the small size: 8 permutations).
// The same function as loop_large.pir with its trip count fixed at compile time:
// perm m for m = 8, 8 - 1, ..., 1, each 8 full rounds of a Poseidon-like permutation
// of width 3 (24 S-boxes). `iter` unrolls it; the counter m is a compile-time constant,
// so it folds into the round constants. The trip count is part of the program, so each
// size is its own file (straight.small.pir, straight.medium.pir, straight.large.pir).

def round n (a, b, c, r) = {
    def sa = (a + n + (r^3 + 7))^5;
    def sb = (b + (r^2 + 3 * r + 11))^5;
    def sc = (c + (5 * r + 13))^5;
    (2 * sa + sb + sc, sa + 2 * sb + sc, sa + sb + 2 * sc, r + 1)
};
def perm n (a, b, c) = {
    def (a2, b2, c2, r) = iter 8 (round n) (a, b, c, 0);
    (a2, b2, c2)
};
def step (m, st) = (m - 1, perm m st);

pub r0, r1, r2;
def (m, out) = iter 8 step (8, (x0, x1, x2));
out = (r0, r1, r2);
