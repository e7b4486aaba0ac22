// A MiMC-style permutation over the Pallas base field: 32 rounds of
// x -> (x + k + c_i)^5 with round constants c_i = i^3 + 42, then a final key
// addition. x^5 is a permutation of this field (gcd(5, p - 1) = 1); x^3 is not.
// `iter` applies the round function; the round number travels in the state and
// stays a compile-time constant, so the round constants fold away.

def round (x, i) = ((x + k + (i^3 + 42))^5, i + 1);

def mimc x = {
    def (y, rounds) = iter 32 round (x, 0);
    y + k
};

pub h;
mimc m = h;
