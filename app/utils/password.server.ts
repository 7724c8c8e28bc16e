import { hash, verify } from "@node-rs/argon2";

// argon2id with the library defaults (19 MiB, t=2), the OWASP baseline.
export function hashPassword(password: string) {
  return hash(password);
}

export async function verifyPassword(hashed: string, password: string) {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
