// a <- a*a + p, 43000 times from the private x: the o1js comparison's computation (bench/o1js/chain.mjs).
def step a = a * a + p;
pub p;
pub y;
iter 43000 step x = y;
