import { hash, verify, type Options } from '@node-rs/argon2';

// Algorithm.Argon2id; the library exports it as a const enum, which isolated modules cannot read.
const ARGON2ID: Options['algorithm'] = 2;

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum. */
export const hashPassword = (password: string): Promise<string> => hash(password, { algorithm: ARGON2ID });

// Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
const DUMMY_HASH = hash('patron-timing-equaliser', { algorithm: ARGON2ID });

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
