// Currying, closures and tuples: partial application, functions as arguments,
// tuple patterns in definitions and parameters, and a tuple-typed input `v`
// (its components are the inputs v.0, v.1, v.2).

def add x y = x + y;
def inc = add 1;                 // a partial application is a function
def twice f x = f (f x);
def compose f g x = f (g x);
def scale k = fun x { k * x };   // a closure over k
def swap (a, b) = (b, a);
def dot (a, b, c) (d, e, f) = a * d + b * e + c * f;

def (p, q) = swap (x, y);        // p = y, q = x
pub s, t, u;
twice inc x = s;                              // x + 2
dot v (p, q, compose inc (scale 3) 1) = t;    // v.0 y + v.1 x + 4 v.2
twice (twice (scale 2)) y = u;                // 16 y
