// Bit-level comparison of 16-bit numbers, written in VampIR itself (as VampIR's
// ALU library does), checked against the built-in `lt` (a VM extension that
// compares canonical representatives over the whole field).

def bool x = { x * (x - 1) = 0; x };
def range_ind range a = {
    def a0 = bool (fresh (a % 2));
    def a1 = fresh (a \ 2);
    a = a0 + 2 * a1;
    a0 : range a1
};
def range_base 0 = [];
def range n = iter n range_ind range_base;

def hd (h:t) = h;
def tl (h:t) = t;
def nth xs i = hd (iter i tl xs);

// a <= b for n-bit a and b: bit n of 2^n + b - a
def ule n a b = nth (range (n + 1) (2^n + b - a)) n;
// a < b for n-bit a and 1 <= b
def ult n a b = ule n a (b - 1);

pub less;
ult 16 a b = less;
lt a b = less;
