// BLAKE2s-256 (RFC 7693) of one block, no key, digest length 32. The inputs m0..m15 are the
// block's sixteen 32-bit words, little-endian (for "abc": 0x00636261 and fifteen zeros);
// the public outputs h0..h7 are the digest's eight words, little-endian as well.
//
// Words are lists of 32 bits, least significant first, as in sha256.pir: a word given as a
// field value is split into bits made with `fresh` and constrained boolean; rotations are
// list rearrangements and cost nothing; xor is arithmetic on bits; an addition mod 2^32 adds
// the words' values in the field and splits the sum into 32 bits plus carry bits, dropped.
// The initial state (IV, parameter block, counter t = 3, final-block flag) is constant and
// folded at compile time. All 10 rounds are compiled.

def bool x = { x * (x - 1) = 0; x };
def range_ind range a = {
    def a0 = bool (fresh (a % 2));
    def a1 = fresh (a \ 2);
    a = a0 + 2 * a1;
    a0 : range a1
};
def range_base 0 = [];
// range n x: the n bits of x (which must fit), least significant first
def range n = iter n range_ind range_base;

// The bits of a constant: folded at compile time, no witness.
def cbits_ind rec a = (a % 2) : rec (a \ 2);
def cbits_base a = [];
def cword x = iter 32 cbits_ind cbits_base x;

def hd (h:t) = h;
def tl (h:t) = t;
def fst (a, b) = a;
def snd (a, b) = b;

// Lists of known length.
def append xs ys = fold xs (fun h t { h : t }) ys;
def revtake_step (l, acc) = (tl l, hd l : acc);
def revtake n xs = snd (iter n revtake_step (xs, []));   // the first n, reversed
def take n xs = revtake n (revtake n xs);
def drop n xs = iter n tl xs;
def nth xs i = hd (drop i xs);
def map f xs = fold xs (fun h t { f h : t }) [];
def zip_step f x (acc, r) = (f x (hd r) : acc, tl r);
def zip f xs ys = fst (fold xs (zip_step f) ([], revtake 32 ys));   // 32-bit words

// Words.
def word x = range 32 x;
def val bs = fold bs (fun b acc { b + 2 * acc }) 0;
// the sum s of several words, mod 2^32 (carry: enough bits for the overflow)
def add32 carry s = take 32 (range (32 + carry) s);
def rotr n xs = append (drop n xs) (take n xs);
def xor a b = a + b - 2 * a * b;
def xor32 x y = zip xor x y;

// The mixing function G on four words of the state and two message words x, y.
def g (a, b, c, d) x y = {
    def a1 = add32 2 (val a + val b + val x);
    def d1 = rotr 16 (xor32 d a1);
    def c1 = add32 1 (val c + val d1);
    def b1 = rotr 12 (xor32 b c1);
    def a2 = add32 2 (val a1 + val b1 + val y);
    def d2 = rotr 8 (xor32 d1 a2);
    def c2 = add32 1 (val c1 + val d2);
    def b2 = rotr 7 (xor32 b1 c2);
    (a2, b2, c2, d2)
};

// The message schedule: round r takes message word sigma_r[j] where it needs word j.
def sigma =
    (0 : 1 : 2 : 3 : 4 : 5 : 6 : 7 : 8 : 9 : 10 : 11 : 12 : 13 : 14 : 15 : []) :
    (14 : 10 : 4 : 8 : 9 : 15 : 13 : 6 : 1 : 12 : 0 : 2 : 11 : 7 : 5 : 3 : []) :
    (11 : 8 : 12 : 0 : 5 : 2 : 15 : 13 : 10 : 14 : 3 : 6 : 7 : 1 : 9 : 4 : []) :
    (7 : 9 : 3 : 1 : 13 : 12 : 11 : 14 : 2 : 6 : 5 : 10 : 4 : 0 : 15 : 8 : []) :
    (9 : 0 : 5 : 7 : 2 : 4 : 10 : 15 : 14 : 1 : 11 : 12 : 6 : 8 : 3 : 13 : []) :
    (2 : 12 : 6 : 10 : 0 : 11 : 8 : 3 : 4 : 13 : 7 : 5 : 15 : 14 : 1 : 9 : []) :
    (12 : 5 : 1 : 15 : 14 : 13 : 4 : 10 : 0 : 7 : 6 : 3 : 9 : 2 : 8 : 11 : []) :
    (13 : 11 : 7 : 14 : 12 : 1 : 3 : 9 : 5 : 0 : 15 : 4 : 8 : 6 : 2 : 10 : []) :
    (6 : 15 : 14 : 9 : 11 : 3 : 0 : 8 : 12 : 2 : 13 : 7 : 1 : 4 : 10 : 5 : []) :
    (10 : 2 : 8 : 4 : 7 : 6 : 1 : 5 : 15 : 11 : 9 : 14 : 3 : 12 : 13 : 0 : []) :
    [];

def message = map word (m0 : m1 : m2 : m3 : m4 : m5 : m6 : m7 : m8 : m9 : m10 : m11 : m12 : m13 : m14 : m15 : []);

// One round: G on the four columns, then on the four diagonals.
def round (v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, (s : ss)) = {
    def msg j = nth message (nth s j);
    def (a0, a4, a8, a12) = g (v0, v4, v8, v12) (msg 0) (msg 1);
    def (a1, a5, a9, a13) = g (v1, v5, v9, v13) (msg 2) (msg 3);
    def (a2, a6, a10, a14) = g (v2, v6, v10, v14) (msg 4) (msg 5);
    def (a3, a7, a11, a15) = g (v3, v7, v11, v15) (msg 6) (msg 7);
    def (b0, b5, b10, b15) = g (a0, a5, a10, a15) (msg 8) (msg 9);
    def (b1, b6, b11, b12) = g (a1, a6, a11, a12) (msg 10) (msg 11);
    def (b2, b7, b8, b13) = g (a2, a7, a8, a13) (msg 12) (msg 13);
    def (b3, b4, b9, b14) = g (a3, a4, a9, a14) (msg 14) (msg 15);
    (b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, ss)
};

// IV (SHA-256's); the chaining value h = IV with h0 ^= 0x01010020 (digest length 32, no key).
def iv0 = 0x6a09e667; def iv1 = 0xbb67ae85; def iv2 = 0x3c6ef372; def iv3 = 0xa54ff53a;
def iv4 = 0x510e527f; def iv5 = 0x9b05688c; def iv6 = 0x1f83d9ab; def iv7 = 0x5be0cd19;
def p0 = 0x6b08e647;   // iv0 ^ 0x01010020
// v12 = iv4 ^ t (t = 3 bytes), v14 = iv6 ^ 0xffffffff (final block)
def iv4t = 0x510e527c;
def iv6f = 0xe07c2654;

def (v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, rest) =
    iter 10 round (cword p0, cword iv1, cword iv2, cword iv3, cword iv4, cword iv5, cword iv6, cword iv7,
                   cword iv0, cword iv1, cword iv2, cword iv3, cword iv4t, cword iv5, cword iv6f, cword iv7,
                   sigma);

// The digest: h_i ^ v_i ^ v_(i+8).
def out p x y = val (xor32 (xor32 (cword p) x) y);
pub h0, h1, h2, h3, h4, h5, h6, h7;
out p0 v0 v8 = h0;
out iv1 v1 v9 = h1;
out iv2 v2 v10 = h2;
out iv3 v3 v11 = h3;
out iv4 v4 v12 = h4;
out iv5 v5 v13 = h5;
out iv6 v6 v14 = h6;
out iv7 v7 v15 = h7;
