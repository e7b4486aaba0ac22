// A Poseidon-style permutation of width 3 over the Pallas base field: S-box x^5,
// 4 full rounds, 56 partial rounds (S-box on the first element only), 4 full rounds:
// the round counts of Poseidon for width 3 on the Pasta fields. The constants are
// NOT the Poseidon paper's (those come from its Grain LFSR): round constant i of
// round r is (3r + i + 1)^5 + 7, and the MDS matrix is the Cauchy matrix
// 1/(x_i + y_j) with x = (0, 1, 2), y = (3, 4, 5). The round number travels in the
// state as a compile-time constant (as in mimc.pir), so the constants fold away.

def rc r i = (3 * r + i + 1)^5 + 7;
def ark r (a, b, c) = (a + rc r 0, b + rc r 1, c + rc r 2);
def mds (a, b, c) = (
    (1/3) * a + (1/4) * b + (1/5) * c,
    (1/4) * a + (1/5) * b + (1/6) * c,
    (1/5) * a + (1/6) * b + (1/7) * c);

def full (s, r) = {
    def (a, b, c) = ark r s;
    (mds (a^5, b^5, c^5), r + 1)
};
def partial (s, r) = {
    def (a, b, c) = ark r s;
    (mds (a^5, b, c), r + 1)
};

def poseidon s = {
    def (s1, r1) = iter 4 full (s, 0);
    def (s2, r2) = iter 56 partial (s1, r1);
    def (s3, r3) = iter 4 full (s2, r2);
    s3
};

pub o0, o1, o2;
poseidon (x0, x1, x2) = (o0, o1, o2);
