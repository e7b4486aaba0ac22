// Pythagoras: a right triangle with legs x, y and public hypotenuse R.
pub R;
def pyth a b c = { a^2 + b^2 = c^2 };
pyth x y R;
