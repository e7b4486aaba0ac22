// Conditionals. VampIR itself selects arithmetically with a bit c:
// c x + (1 - c) y. The VM extension `branch c x y` is x when c = 0 and y when
// c = 1 (c must be boolean), and `lt a b` compares canonical integers.

def bool x = { x * (x - 1) = 0; x };
def select c x y = c * x + (1 - c) * y;        // c = 1: x; c = 0: y
def max a b = branch (lt a b) a b;
def absdiff a b = branch (lt a b) (a - b) (b - a);
def clamp lo hi x = branch (lt x lo) (branch (lt hi x) x hi) lo;

pub m, d, s, k;
max a b = m;
absdiff a b = d;
select (bool c) a b = s;
branch c b a = s;                  // the same choice made by branch
clamp 10 20 a = k;
