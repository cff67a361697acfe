import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { httpConfigClient } from "./config-client";

// A stand-in Control Room: the answer depends on the key, and every request is recorded.
const requests: { url: string; authorization?: string }[] = [];
let server: Server;
let baseUrl: string;

const served = { agent: "claims-agent", version: { id: "x", label: "v4", stage: "production" }, model: "gpt-4.1", prompt: "p", params: {}, knowledgeBase: null, tools: [], policyVersion: null, sessionId: "conv_1" };

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push({ url: request.url ?? "", authorization: request.headers.authorization });
    const key = request.headers.authorization?.replace("Bearer ", "");
    const reply = (status: number, body: unknown) => response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    if (key === "deployed") return reply(200, served);
    if (key === "nothing") return reply(404, { error: { code: "no_production_version", message: "Nothing is deployed" } });
    if (key === "busy") return response.writeHead(503, { "Retry-After": "0" }).end("busy");
    return reply(500, { error: { code: "internal", message: "boom" } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("httpConfigClient", () => {
  it("asks with the agent's key and the session id, and returns the served bundle", async () => {
    const answer = await httpConfigClient(baseUrl, "deployed").fetch("conv 1/α");
    expect(answer).toEqual({ kind: "served", config: served });
    expect(requests.at(-1)).toEqual({ url: `/api/v1/agents/self/config?sessionId=${encodeURIComponent("conv 1/α")}`, authorization: "Bearer deployed" });
  });

  it("asks again on every call: nothing is cached", async () => {
    const before = requests.length;
    const client = httpConfigClient(baseUrl, "deployed");
    await client.fetch("conv_1");
    await client.fetch("conv_1");
    expect(requests.length - before).toBe(2);
  });

  it("says when nothing is deployed", async () => {
    expect(await httpConfigClient(baseUrl, "nothing").fetch("conv_1")).toEqual({ kind: "no_production_version", message: "Nothing is deployed" });
  });

  it("retries a 503 once, then reports the config call unavailable", async () => {
    const before = requests.length;
    expect(await httpConfigClient(baseUrl, "busy").fetch("conv_1")).toMatchObject({ kind: "unavailable", message: expect.stringContaining("HTTP 503") });
    expect(requests.length - before).toBe(2);
  });

  it("reports an error answer or no server at all as unavailable, without throwing", async () => {
    expect(await httpConfigClient(baseUrl, "other").fetch("conv_1")).toEqual({ kind: "unavailable", message: "HTTP 500 internal: boom" });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await httpConfigClient(`http://127.0.0.1:${port}`, "deployed").fetch("conv_1")).toMatchObject({ kind: "unavailable" });
  });
});
