// A tiny ALU over 8-bit words: opcode 0 adds, 1 subtracts, 2 ands, 3 xors
// (mod 2^8). The operands and the opcode are split into bits with `fresh`;
// addition and subtraction split the 9-bit result and drop the carry; `and`
// and `xor` work bit by bit; the opcode's bits select the result with `branch`.

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
def fst (a, b) = a;
def snd (a, b) = b;
def revtake_step (l, acc) = (tl l, hd l : acc);
def revtake n xs = snd (iter n revtake_step (xs, []));
def take n xs = revtake n (revtake n xs);
def zip_step f x (acc, r) = (f x (hd r) : acc, tl r);
def zip n f xs ys = fst (fold xs (zip_step f) ([], revtake n ys));

def val bs = fold bs (fun b acc { b + 2 * acc }) 0;
def wrap8 s = val (take 8 (range 9 s));     // s mod 2^8, for 0 <= s < 2^9

def add8 a b = wrap8 (a + b);
def sub8 a b = wrap8 (a + 256 - b);
def and8 a b = val (zip 8 (fun x y { x * y }) (range 8 a) (range 8 b));
def xor8 a b = val (zip 8 (fun x y { x + y - 2 * x * y }) (range 8 a) (range 8 b));

def alu op a b = {
    def (o0, o1) = {
        def bits = range 2 op;      // opcode < 4
        (hd bits, hd (tl bits))
    };
    branch o1 (branch o0 (add8 a b) (sub8 a b)) (branch o0 (and8 a b) (xor8 a b))
};

pub r;
alu op x y = r;
