// Boolean logic on field elements: a bit is a value constrained to {0, 1}
// (x * (x - 1) = 0), and the connectives are polynomials that agree with the
// truth tables on bits. The public outputs are the four connectives of p and q;
// De Morgan's law is checked as a constraint.

def bool x = { x * (x - 1) = 0; x };
def not x = 1 - x;
def and x y = x * y;
def or x y = x + y - x * y;
def xor x y = x + y - 2 * x * y;

def a = bool p;
def b = bool q;
pub r_and, r_or, r_xor, r_not;
and a b = r_and;
or a b = r_or;
xor a b = r_xor;
not a = r_not;
not (and a b) = or (not a) (not b);
