import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { apiAs } from "./fixtures/session";

// The built server (npm run build first) on a port and embedded database of its own, stopped with
// SIGTERM while an agent long-polls a held decision: the agent gets a 200 with the current state
// (hold) instead of a socket error, the server exits cleanly, and its final audit checkpoint anchors
// everything it wrote (audit:verify finds no unanchored entry).

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

test("SIGTERM answers an in-flight long-poll with the pending state, then anchors the audit log and exits", async () => {
  test.setTimeout(300_000);
  const scratch = await mkdtemp(path.join(os.tmpdir(), "controlroom-shutdown-"));
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env = {
    ...inherited,
    NEXT_TELEMETRY_DISABLED: "1",
    CONTROLROOM_DATA_DIR: path.join(scratch, "pg"),
    CONTROLROOM_DEMO: "1",
    CONTROLROOM_SIMULATOR: "off",
    NEXTAUTH_URL: baseURL,
    CONTROLROOM_AUDIT_KEY: "the-shutdown-test-audit-key",
    CONTROLROOM_AUDIT_ANCHOR_FILE: path.join(scratch, "anchors.jsonl"),
  };
  const server = spawn(process.execPath, ["scripts/serve.mjs", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  try {
    await expect.poll(async () => (await fetch(`${baseURL}/api/health`).catch(() => null))?.status ?? 0, { timeout: 240_000, intervals: [500] }).toBe(200);

    const admin = await apiAs(baseURL, "admin");
    const keyResponse = await admin.post("/api/v1/agents/procurement-agent/keys", { data: { name: "shutdown-e2e" } });
    expect(keyResponse.status()).toBe(201);
    const headers = { Authorization: `Bearer ${(await keyResponse.json()).key}`, "Content-Type": "application/json" };
    await admin.dispose();
    const held = await (
      await fetch(`${baseURL}/api/v1/guard`, {
        method: "POST",
        headers,
        body: JSON.stringify({ check: "action", sessionId: "shutdown-e2e", action: { tool: "purchase.create", amount: 5000 } }),
      })
    ).json();
    expect(held.verdict).toBe("hold");

    const longPoll = fetch(`${baseURL}/api/v1/guard/decisions/${held.decisionId}?wait=30`, { headers }).then(
      async (response) => ({ status: response.status, contentType: response.headers.get("content-type"), body: await response.json() }),
      (error: Error) => ({ status: 0, contentType: null, body: { socketError: String(error.cause ?? error) } }),
    );
    // Let the poll reach the server and start waiting; the SIGTERM must find it in flight.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    server.kill("SIGTERM");

    const answer = await longPoll;
    expect(answer.body).not.toHaveProperty("socketError");
    expect(answer.status).toBe(200);
    expect(answer.contentType).toContain("application/json");
    expect(answer.body).toMatchObject({ decisionId: held.decisionId, verdict: "hold", reasons: [expect.objectContaining({ code: "approval_required" })] });

    expect(await exitOf(server), output).toBe(0);
    expect(output).toMatch(/SIGTERM: stopping/);
    expect(output).toMatch(/audit log anchored up to entry #\d+/);

    const verify = await promisify(execFile)(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/audit-verify.ts"], { env, timeout: 120_000 });
    expect(verify.stdout).toContain("AUDIT LOG INTACT");
    expect(verify.stdout).toMatch(/anchored up to entry #\d+/);
    expect(verify.stdout).not.toContain("not anchored yet");
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
    await rm(scratch, { recursive: true, force: true });
  }
});
