import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The SDK as it ships: it builds on its own (tsc -p sdk, so a broken SDK fails the tests) and `npm pack`
// puts the built entry points in the package, and nothing of its sources or tests.
const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sdk = path.join(root, "sdk");

describe("the @controlroom/sdk package", () => {
  it("builds with tsc and packs its dist entry points", async () => {
    await run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", sdk], { cwd: root });
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: sdk });
    const [packed] = JSON.parse(stdout) as { name: string; files: { path: string }[] }[];
    const files = packed.files.map((file) => file.path);
    expect(packed.name).toBe("@controlroom/sdk");
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "dist/index.js", "dist/index.d.ts", "dist/tracing.js", "dist/tracing.d.ts"]));
    expect(files.filter((file) => !file.startsWith("dist/") && file !== "package.json" && file !== "README.md")).toEqual([]);

    const built = await import(path.join(sdk, "dist/index.js"));
    expect(typeof built.createControlRoom).toBe("function");
    expect(new built.ControlRoomError({ status: 503, code: "unavailable", message: "busy" }).unavailable).toBe(true);
    const tracing = await import(path.join(sdk, "dist/tracing.js"));
    expect(typeof tracing.setupTracing).toBe("function");
  }, 60_000);
});
