// 32-bit comparisons written with bits (as VampIR's ALU library does): each
// operand is range-checked to 32 bits, and a <= b is bit 32 of 2^32 + b - a.
// Checked against the built-in full-field `lt` and the reverse comparison.

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

def u32 x = { range 32 x; x };                      // x < 2^32, or no proof
def ule n a b = nth (range (n + 1) (2^n + b - a)) n; // a <= b
def ult n a b = 1 - ule n b a;                       // a < b
def ugt n a b = ult n b a;

pub less, greater;
def x = u32 a;
def y = u32 b;
ult 32 x y = less;
lt a b = less;
ugt 32 x y = greater;
