import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPglite } from "./helpers";

// `npm run audit:verify` itself, on an embedded database of its own (a separate process must open it,
// so an in-memory one will not do; run once, in the PGlite project): after its owner empties the
// table, it used to print "audit chain intact: 0 entries verified" and exit 0.

const run = promisify(execFile);
let scratch: string;
let env: NodeJS.ProcessEnv;

const tsx = (script: string) =>
  run(process.execPath, ["--import", "tsx", "--conditions=react-server", script], { env, cwd: process.cwd(), timeout: 240_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? "", stderr: error.stderr ?? "" }),
  );

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "controlroom-verify-"));
  env = {
    ...process.env,
    DATABASE_URL: "",
    CONTROLROOM_DATA_DIR: path.join(scratch, "pg"),
    CONTROLROOM_AUDIT_KEY: "the-cli-test-audit-key",
    CONTROLROOM_AUDIT_ANCHOR_FILE: path.join(scratch, "anchors.jsonl"),
  };
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe.runIf(onPglite)("npm run audit:verify", () => {
  it("reports a truncated log against its anchor file and exits 1", async () => {
    const scene = await tsx("tests/integration/fixtures/truncated-audit-log.ts");
    expect(scene.code, scene.stderr).toBe(0);
    const verify = await tsx("scripts/audit-verify.ts");
    expect(verify.code, `${verify.stdout}\n${verify.stderr}`).toBe(1);
    expect(verify.stdout).toContain("audit log: 0 entries, hash chain intact");
    expect(verify.stderr).toContain("AUDIT LOG TAMPERED");
    expect(verify.stderr).toMatch(/the audit log is empty, but the checkpoint of .* recorded 3 entries up to #3: the table was emptied/);
    // Two processes each open a new embedded database (seconds each on a busy machine): a bound, not a measure.
  }, 240_000);
});
