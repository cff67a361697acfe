import { hash, verify } from "@node-rs/argon2";

// Argon2id with the library's defaults (OWASP-recommended memory and time cost).
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the email is unknown keeps response times alike (no user enumeration).
let dummyHash: Promise<string> | undefined;
export const timingDecoyHash = () => (dummyHash ??= hash("not-a-real-password-decoy"));
