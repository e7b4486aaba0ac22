// A branch and a recursive call (a seed for VM mode).
pub r;
def f n acc = branch (lt n 1) (f (n - 1) (acc * 2)) acc;
def v = branch (lt x 5) (x * x) (x + 1);
f 3 v = r;
