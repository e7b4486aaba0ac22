// SHA-256 of one 512-bit block (FIPS 180-4), written with bits. The inputs m0..m15 are
// the padded message's sixteen 32-bit words (for "abc": 0x61626380, fourteen zeros, 0x18);
// the public outputs h0..h7 are the digest's eight words.
//
// A word is a list of 32 bits, least significant first. A word given as a field value is
// split into bits made with `fresh` and constrained boolean (as range.pir does); rotations
// and shifts are list rearrangements and cost nothing; xor, Ch and Maj are arithmetic on
// bits; an addition mod 2^32 adds the words' values in the field and splits the sum into
// 32 bits plus a few carry bits, which are dropped. All 64 rounds are compiled.

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
def pair a b = (a, b);

// Lists of known length.
def append xs ys = fold xs (fun h t { h : t }) ys;
def revtake_step (l, acc) = (tl l, hd l : acc);
def revtake n xs = snd (iter n revtake_step (xs, []));   // the first n, reversed
def take n xs = revtake n (revtake n xs);
def drop n xs = iter n tl xs;
def nth xs i = hd (drop i xs);
def zeros n = iter n (fun l { 0 : l }) [];
def map f xs = fold xs (fun h t { f h : t }) [];
def zip_step f x (acc, r) = (f x (hd r) : acc, tl r);
def zip f xs ys = fst (fold xs (zip_step f) ([], revtake 32 ys));   // 32-bit words

// Words.
def word x = range 32 x;
def val bs = fold bs (fun b acc { b + 2 * acc }) 0;
// the sum s of several words, mod 2^32 (carry: enough bits for the overflow)
def add32 carry s = take 32 (range (32 + carry) s);
def rotr n xs = append (drop n xs) (take n xs);
def shr n xs = append (drop n xs) (zeros n);
def xor a b = a + b - 2 * a * b;
def xor3 x y z = zip xor (zip xor x y) z;

def bsig0 x = xor3 (rotr 2 x) (rotr 13 x) (rotr 22 x);
def bsig1 x = xor3 (rotr 6 x) (rotr 11 x) (rotr 25 x);
def ssig0 x = xor3 (rotr 7 x) (rotr 18 x) (shr 3 x);
def ssig1 x = xor3 (rotr 17 x) (rotr 19 x) (shr 10 x);
// Ch: e ? f : g; Maj: the majority (xy + z(x xor y))
def ch e f g = zip (fun x (y, z) { z + x * (y - z) }) e (zip pair f g);
def maj a b c = zip (fun x (y, z) { x * y + z * (x + y - 2 * x * y) }) a (zip pair b c);

// Message schedule: W16..W63 from a window of the last sixteen words (oldest first).
def schedule_step (window, all) = {
    def w = add32 2 (val (ssig1 (nth window 14)) + val (nth window 9)
                   + val (ssig0 (nth window 1)) + val (hd window));
    (append (tl window) (w : []), append all (w : []))
};
def schedule m = snd (iter 48 schedule_step (m, m));

def round (a, b, c, d, e, f, g, h, (k : ks), (w : ws)) = {
    def t1 = val h + val (bsig1 e) + val (ch e f g) + k + val w;
    def t2 = val (bsig0 a) + val (maj a b c);
    (add32 3 (t1 + t2), a, b, c, add32 3 (val d + t1), e, f, g, ks, ws)
};

def kk =
    0x428a2f98 : 0x71374491 : 0xb5c0fbcf : 0xe9b5dba5 : 0x3956c25b : 0x59f111f1 : 0x923f82a4 : 0xab1c5ed5 :
    0xd807aa98 : 0x12835b01 : 0x243185be : 0x550c7dc3 : 0x72be5d74 : 0x80deb1fe : 0x9bdc06a7 : 0xc19bf174 :
    0xe49b69c1 : 0xefbe4786 : 0x0fc19dc6 : 0x240ca1cc : 0x2de92c6f : 0x4a7484aa : 0x5cb0a9dc : 0x76f988da :
    0x983e5152 : 0xa831c66d : 0xb00327c8 : 0xbf597fc7 : 0xc6e00bf3 : 0xd5a79147 : 0x06ca6351 : 0x14292967 :
    0x27b70a85 : 0x2e1b2138 : 0x4d2c6dfc : 0x53380d13 : 0x650a7354 : 0x766a0abb : 0x81c2c92e : 0x92722c85 :
    0xa2bfe8a1 : 0xa81a664b : 0xc24b8b70 : 0xc76c51a3 : 0xd192e819 : 0xd6990624 : 0xf40e3585 : 0x106aa070 :
    0x19a4c116 : 0x1e376c08 : 0x2748774c : 0x34b0bcb5 : 0x391c0cb3 : 0x4ed8aa4a : 0x5b9cca4f : 0x682e6ff3 :
    0x748f82ee : 0x78a5636f : 0x84c87814 : 0x8cc70208 : 0x90befffa : 0xa4506ceb : 0xbef9a3f7 : 0xc67178f2 :
    [];

def iv0 = 0x6a09e667; def iv1 = 0xbb67ae85; def iv2 = 0x3c6ef372; def iv3 = 0xa54ff53a;
def iv4 = 0x510e527f; def iv5 = 0x9b05688c; def iv6 = 0x1f83d9ab; def iv7 = 0x5be0cd19;

def message = map word (m0 : m1 : m2 : m3 : m4 : m5 : m6 : m7 : m8 : m9 : m10 : m11 : m12 : m13 : m14 : m15 : []);
def (a, b, c, d, e, f, g, h, rest) =
    iter 64 round (cword iv0, cword iv1, cword iv2, cword iv3, cword iv4, cword iv5, cword iv6, cword iv7,
                   kk, schedule message);

// The digest: the initial values plus the final state, mod 2^32.
def out iv x = val (add32 1 (iv + val x));
pub h0, h1, h2, h3, h4, h5, h6, h7;
out iv0 a = h0;
out iv1 b = h1;
out iv2 c = h2;
out iv3 d = h3;
out iv4 e = h4;
out iv5 f = h5;
out iv6 g = h6;
out iv7 h = h7;
