// Lists, iteration, tuples and closures in one small program (a seed for the fuzzer).
pub r;
def sum l = iter 3 (fun acc { acc }) 0;
def pair = (x, y);
def (a, b) = pair;
def l = a : b : [];
def g f v = f (f v);
def h = fun t { t * 2 };
g h a + b = r;
