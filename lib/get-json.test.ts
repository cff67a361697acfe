import { afterEach, describe, expect, it, vi } from "vitest";
import { getJson } from "./get-json";

function answer(status: number, body: string) {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(body, { status, headers: { "content-type": "application/json" } })));
}

describe("getJson", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("returns the parsed body of a successful answer", async () => {
    answer(200, JSON.stringify({ pending: 3 }));
    await expect(getJson<{ pending: number }>("/api/v1/approvals/count")).resolves.toEqual({ pending: 3 });
  });

  it("throws the server's error message on a failed answer", async () => {
    answer(403, JSON.stringify({ error: { code: "forbidden", message: "Only reviewers and admins can do this" } }));
    await expect(getJson("/api/v1/approvals")).rejects.toThrow("Only reviewers and admins can do this");
  });

  it("names the status when the failed answer has no JSON error", async () => {
    answer(502, "<html>bad gateway</html>");
    await expect(getJson("/api/v1/approvals")).rejects.toThrow("The server answered 502");
  });

  it("refuses an empty successful answer", async () => {
    answer(200, "");
    await expect(getJson("/api/v1/approvals")).rejects.toThrow("empty answer");
  });
});
