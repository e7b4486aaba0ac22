// Range check: x fits in 8 bits. Its bits are made by `fresh` (the prover
// computes them; nothing ties them to x yet), then constrained: each bit is
// boolean, each step splits a into its low bit and the rest, and after 8 steps
// nothing may be left (the constant pattern 0 is an equality constraint).

def bool x = { x * (x - 1) = 0; x };

def range_ind range a = {
    def a0 = bool (fresh (a % 2));
    def a1 = fresh (a \ 2);
    a = a0 + 2 * a1;
    a0 : range a1
};

def range_base 0 = [];

// range n x: the n bits of x, least significant first
def range n = iter n range_ind range_base;

// The result is the list of bits.
range 8 x;
