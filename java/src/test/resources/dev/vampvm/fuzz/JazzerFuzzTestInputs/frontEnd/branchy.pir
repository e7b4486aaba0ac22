// branchy: data-dependent branching with unequal arms.
// walk e acc reads the bits of e from the least significant up to the highest set
// bit; a 0 bit takes the cheap arm (acc -> acc + k), a 1 bit the expensive one
// (8 MiMC-style rounds acc -> (acc + k + c_i)^5, c_i = i^3 + 42). The bit stream
// is four words e0..e3, walked one after the other (up to 4 x 253 iterations).
// In VM mode only the arm taken is proven; a circuit (static mode, or one
// unrolled to a bound) pays for both arms in every iteration.
//
// Bits: e = b + 2 h with b boolean and h made with `fresh`; this is sound because
// e has at most 253 bits here (below 2^254 < p): after at most 254 halvings that
// end in 0, the bits spell e as an integer, so the prover cannot choose them.

// isz x = 1 when x = 0, else 0 (x * z = 0 forces z = 0 when x != 0).
def isz x = {
    def i = fresh (1 | x);
    def z = 1 - x * i;
    x * z = 0;
    z
};
def bool x = { x * (x - 1) = 0; x };

def round (x, i) = ((x + k + (i^3 + 42))^5, i + 1);
def heavy x = {
    def (y, r) = iter 8 round (x, 0);
    y
};

// The low bit of e and the rest: e = b + 2 h.
def low e = {
    def b = bool (fresh (e % 2));
    def h = fresh (e \ 2);
    e = b + 2 * h;
    (b, h)
};
// One iteration: the next (e, acc).
def next e acc = {
    def (b, h) = low e;
    (h, branch b (acc + k) (heavy acc))
};

def walk (e, acc) = branch (isz e) (walk (next e acc)) acc;

pub r;
walk (e3, walk (e2, walk (e1, walk (e0, s)))) = r;
