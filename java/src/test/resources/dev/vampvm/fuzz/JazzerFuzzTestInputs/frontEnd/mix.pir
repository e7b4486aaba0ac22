// mix: a loop that calls a non-tail recursive helper from one arm of a branch.
// mix (s, acc) walks the bits of the selector s (least significant first, up to
// its highest set bit): a 0 bit squares, acc -> acc^2 + 1; a 1 bit calls the helper,
// acc -> acc + poly d acc, where poly d x = poly (d - 1) x * x + d, poly 0 x = 1
// (Horner's rule written as non-tail recursion of depth d: a call stack d deep).
// So the VM sees a tail loop, data-dependent branches, and nested non-tail calls.
// Bits as in branchy.pir: sound because s has at most 253 bits.

// isz x = 1 when x = 0, else 0 (x * z = 0 forces z = 0 when x != 0).
def isz x = {
    def i = fresh (1 | x);
    def z = 1 - x * i;
    x * z = 0;
    z
};
def bool x = { x * (x - 1) = 0; x };

def poly d x = branch (isz d) (poly (d - 1) x * x + d) 1;

// The low bit of e and the rest: e = b + 2 h.
def low e = {
    def b = bool (fresh (e % 2));
    def h = fresh (e \ 2);
    e = b + 2 * h;
    (b, h)
};

// One iteration: the next (s, acc).
def next s acc = {
    def (b, h) = low s;
    (h, branch b (acc * acc + 1) (acc + poly d acc))
};

def mix (s, acc) = branch (isz s) (mix (next s acc)) acc;

pub r;
mix (s, a) = r;
