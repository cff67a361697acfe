import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// The key that signs audit checkpoints. It is never stored in the database: the database's owner can
// then neither forge a checkpoint nor re-sign a rewritten chain. CONTROLROOM_AUDIT_KEY sets it (the
// same on every replica, and wherever `npm run audit:verify` runs); without it the server makes one
// once and keeps it in .data/audit-key, as it does for the session secret.

export type AuditKey = { secret: Buffer; id: string; source: string };

const MIN_KEY_LENGTH = 16;

export const auditKeyFile = () => path.join(process.cwd(), ".data", "audit-key");

// A short public fingerprint, recorded with each checkpoint, so a verifier can tell "signed with
// another key" from "forged": the key itself cannot be recovered from it.
export const auditKeyId = (secret: Buffer) => createHash("sha256").update("controlroom-audit-key:").update(secret).digest("hex").slice(0, 16);

function fromText(text: string, source: string): AuditKey {
  if (text.length < MIN_KEY_LENGTH) throw new Error(`The audit key from ${source} is too short: use at least ${MIN_KEY_LENGTH} characters (e.g. openssl rand -base64 32)`);
  const secret = Buffer.from(text, "utf8");
  return { secret, id: auditKeyId(secret), source };
}

// The server creates the key file when it is missing (create: true); a verifier never does, since a
// new key would make every existing checkpoint look forged.
export function loadAuditKey({ create }: { create: boolean }): AuditKey | null {
  const fromEnv = process.env.CONTROLROOM_AUDIT_KEY?.trim();
  if (fromEnv) return fromText(fromEnv, "CONTROLROOM_AUDIT_KEY");
  const file = auditKeyFile();
  try {
    return fromText(readFileSync(file, "utf8").trim(), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    if (!create) return null;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  // wx: never overwrite a key another process wrote in the meantime.
  try {
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fromText(readFileSync(file, "utf8").trim(), file);
}
