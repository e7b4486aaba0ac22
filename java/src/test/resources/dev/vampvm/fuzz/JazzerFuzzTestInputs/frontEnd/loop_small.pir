// loop_small: a tight loop with a small body.
// loop n acc runs n times; each iteration is acc -> acc^2 + n (then n -> n - 1),
// starting from acc = a. Tail-recursive: one block per iteration in VM mode.
// The loop stops on a zero test of the down-counter (isz, an inverse made with
// `fresh`), not on a full-field `lt`, so the body stays a handful of constraints.

// isz x = 1 when x = 0, else 0. Sound: x * z = 0 forces z = 0 when x != 0, and
// z = 1 - x * i is 1 when x = 0 whatever the prover puts in i.
def isz x = {
    def i = fresh (1 | x);
    def z = 1 - x * i;
    x * z = 0;
    z
};

def loop n acc = branch (isz n) (loop (n - 1) (acc * acc + n)) acc;

pub r;
loop n a = r;
