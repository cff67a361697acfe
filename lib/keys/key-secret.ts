import { createHash, randomBytes } from "node:crypto";

// Keys look like cr_<43 base64url chars>; only their SHA-256 is stored (a random 256-bit secret needs no slow hash).
const KEY_PREFIX = "cr_";

export function generateKeySecret() {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, KEY_PREFIX.length + 8), hash: hashKey(key) };
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export const looksLikeKey = (value: string) => value.startsWith(KEY_PREFIX) && value.length >= 20 && value.length <= 100;
