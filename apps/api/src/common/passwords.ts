/** bcrypt's cost for every stored password (and for the stand-in hash an unknown user is compared against). */
export const BCRYPT_ROUNDS = 10;
