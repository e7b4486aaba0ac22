// recursion_deep: deep non-tail recursion.
// deep n x = x when n = 0, else deep (n - 1) (x^2 + n) * x + n.
// The result of the recursive call is used after it returns, together with this
// level's x and n, so a VM keeps them on the call stack across n levels: one
// block to descend and one to return per level in VM mode.

// isz x = 1 when x = 0, else 0 (x * z = 0 forces z = 0 when x != 0).
def isz x = {
    def i = fresh (1 | x);
    def z = 1 - x * i;
    x * z = 0;
    z
};

def deep n x = branch (isz n) (deep (n - 1) (x * x + n) * x + n) x;

pub r;
deep n x = r;
