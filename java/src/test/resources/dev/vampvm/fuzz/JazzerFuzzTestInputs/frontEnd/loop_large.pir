// loop_large: a loop with a large body.
// loop n (a, b, c) applies perm n to the width-3 state n times (n, n - 1, ..., 1).
// perm n is 8 full rounds of a Poseidon-like permutation (own constants, not the
// paper's): add round constants (n enters the first lane), x^5 on every lane, then
// the MDS-like mix [[2,1,1],[1,2,1],[1,1,2]]; 24 S-boxes, 72 products per iteration.
// Tail-recursive: one block per iteration in VM mode. straight.*.pir computes the
// same function with the trip count fixed at compile time and no control flow.

// isz x = 1 when x = 0, else 0 (x * z = 0 forces z = 0 when x != 0).
def isz x = {
    def i = fresh (1 | x);
    def z = 1 - x * i;
    x * z = 0;
    z
};

// Round r (a compile-time constant carried in the state, so the constants fold).
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

def loop n (a, b, c) = branch (isz n) (loop (n - 1) (perm n (a, b, c))) (a, b, c);

pub r0, r1, r2;
loop n (x0, x1, x2) = (r0, r1, r2);
