// fib n returns the n-th Fibonacci number: one block per iteration in VM mode.
// In static mode the recursion is unrolled along the run for the given n
// (or to --unroll N levels for a circuit that works for every n <= N).
def fib n a b = branch (lt n 1) (fib (n - 1) b (a + b)) a;
pub r;
fib n 0 1 = r;
