// Integer literals beyond 64 bits are reduced into the Pallas base field
// p = 0x40000000000000000000000000000000224698fc094cf91b992d30ed00000001.

def two128 = 340282366920938463463374607431768211456;                         // 2^128
def pminus1 = 0x40000000000000000000000000000000224698fc094cf91b992d30ed00000000; // p - 1, that is -1
def p = 0x40000000000000000000000000000000224698fc094cf91b992d30ed00000001;       // p, that is 0

pminus1 + 1 = 0;               // constants, checked at compile time
p = 0;
two128 = 2^128;

pub y;
x * (two128 + 1) + pminus1 + p = y;    // y = x (2^128 + 1) - 1
