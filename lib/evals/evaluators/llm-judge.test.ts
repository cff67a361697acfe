import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chatCompletionsUrl, createJudge, judgeFromEnv, judgeMessages, MAX_JUDGE_TEXT_CHARS, parseVerdict } from "./llm-judge";
import { evaluatorSchema } from "./schemas";
import { scoreItem, type EvalResult } from "./score";

// The judge against a local stub of an OpenAI-compatible server (127.0.0.1, random port).

type Handler = (body: unknown, req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler;
const received: { url?: string; headers: IncomingMessage["headers"]; body: unknown }[] = [];
const pending = new Set<ServerResponse>();

function completion(content: string) {
  return JSON.stringify({ id: "x", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content } }] });
}

function answer(content: string): Handler {
  return (_body, _req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(completion(content));
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => {
      let body: unknown = data;
      try {
        body = JSON.parse(data);
      } catch {
        // keep the raw text
      }
      received.push({ url: req.url, headers: req.headers, body });
      pending.add(res);
      res.on("close", () => pending.delete(res));
      handler(body, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  for (const res of pending) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
  handler = answer('{"score": 0.9, "reason": "ok"}');
});

const request = { criteria: "States the decision and the policy clause", input: "Claim 123", output: "Rejected under clause 4.2" };

describe("LLM judge over an OpenAI-compatible endpoint", () => {
  it("posts a chat completion and reads a good answer", async () => {
    handler = answer('{"score": 0.85, "reason": "Names the decision and clause 4.2."}');
    const judge = createJudge({ url: base, model: "judge-small", apiKey: "sk-test" });
    await expect(judge(request)).resolves.toEqual({ score: 0.85, reason: "Names the decision and clause 4.2." });

    expect(received).toHaveLength(1);
    const [call] = received;
    expect(call.url).toBe("/v1/chat/completions");
    expect(call.headers.authorization).toBe("Bearer sk-test");
    const body = call.body as { model: string; temperature: number; messages: { role: string; content: string }[] };
    expect(body.model).toBe("judge-small");
    expect(body.temperature).toBe(0);
    expect(body.messages[0].role).toBe("system");
    expect(body.messages[0].content).toMatch(/"score"/);
    expect(body.messages[1].content).toContain(request.criteria);
    expect(body.messages[1].content).toContain("Claim 123");
    expect(body.messages[1].content).toContain("Rejected under clause 4.2");
  });

  it("tolerates code fences and prose around the JSON", async () => {
    handler = answer('Here is my verdict:\n```json\n{"score": "0.4", "reason": "vague"}\n```');
    await expect(createJudge({ url: base })(request)).resolves.toEqual({ score: 0.4, reason: "vague" });
    // No key configured: no Authorization header; no model: none sent.
    expect(received[0].headers.authorization).toBeUndefined();
    expect((received[0].body as { model?: string }).model).toBeUndefined();
  });

  it("rejects a malformed answer with a readable message", async () => {
    handler = answer("I think it is pretty good!");
    await expect(createJudge({ url: base })(request)).rejects.toThrow(
      "the judge did not answer with JSON {score, reason}: I think it is pretty good!",
    );
    handler = answer('{"score": "high"}');
    await expect(createJudge({ url: base })(request)).rejects.toThrow(/no numeric score/);
    handler = answer('{"score": 8, "reason": "out of 10"}');
    await expect(createJudge({ url: base })(request)).rejects.toThrow("the judge's score 8 is outside 0–1");
    handler = (_b, _r, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>proxy login</html>");
    };
    await expect(createJudge({ url: base })(request)).rejects.toThrow(/answered something that is not a chat completion: <html>proxy login/);
  });

  it("reports an HTTP error with its status and body", async () => {
    handler = (_b, _r, res) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end('{"error":{"message":"model overloaded"}}');
    };
    await expect(createJudge({ url: base })(request)).rejects.toThrow(
      `${base}/chat/completions answered HTTP 500: {"error":{"message":"model overloaded"}}`,
    );
  });

  it("gives up after the timeout", async () => {
    handler = () => {
      // never answers
    };
    const started = Date.now();
    await expect(createJudge({ url: base, timeoutMs: 200 })(request)).rejects.toThrow(
      `no answer from ${base}/chat/completions within 200 ms`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports an unreachable endpoint", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(createJudge({ url: `http://127.0.0.1:${port}` })(request)).rejects.toThrow(/^could not reach http:\/\/127\.0\.0\.1:\d+\/chat\/completions: /);
  });

  it("turns judge failures into failed scores through scoreItem", async () => {
    const evaluator = evaluatorSchema.parse({ type: "llm_judge", criteria: "polite" });
    const result: EvalResult = { output: "Rejected.", tools: [], guard: { denies: 0, holds: 0 } };
    handler = (_b, _r, res) => {
      res.writeHead(500);
      res.end("boom");
    };
    const [failed] = await scoreItem([evaluator], { input: "x" }, result, { judge: createJudge({ url: base }) });
    expect(failed).toEqual({ type: "llm_judge", passed: false, score: 0, reason: `LLM judge failed: ${base}/chat/completions answered HTTP 500: boom` });
    handler = answer('{"score": 0.75, "reason": "polite enough"}');
    const [passed] = await scoreItem([evaluator], { input: "x" }, result, { judge: createJudge({ url: base }) });
    expect(passed).toEqual({ type: "llm_judge", passed: true, score: 0.75, reason: "judge scored 0.75 (≥ 0.7): polite enough" });
  });
});

describe("judge configuration", () => {
  it("is off without CONTROLROOM_JUDGE_URL", () => {
    expect(judgeFromEnv({})).toBeUndefined();
    expect(judgeFromEnv({ CONTROLROOM_JUDGE_URL: "  ", CONTROLROOM_JUDGE_MODEL: "m" })).toBeUndefined();
  });

  it("reads URL, model and key from the environment", async () => {
    handler = answer('{"score": 1, "reason": "perfect"}');
    const judge = judgeFromEnv({ CONTROLROOM_JUDGE_URL: `${base}/`, CONTROLROOM_JUDGE_MODEL: "m1", CONTROLROOM_JUDGE_API_KEY: "k1" });
    expect(judge).toBeDefined();
    await expect(judge!(request)).resolves.toEqual({ score: 1, reason: "perfect" });
    expect(received[0].url).toBe("/v1/chat/completions");
    expect(received[0].headers.authorization).toBe("Bearer k1");
    expect((received[0].body as { model: string }).model).toBe("m1");
  });

  it("builds the chat-completions URL from a base URL", () => {
    expect(chatCompletionsUrl("https://api.example.com/v1")).toBe("https://api.example.com/v1/chat/completions");
    expect(chatCompletionsUrl("https://api.example.com/v1/")).toBe("https://api.example.com/v1/chat/completions");
    expect(chatCompletionsUrl("http://h/v1/chat/completions")).toBe("http://h/v1/chat/completions");
  });
});

describe("parseVerdict", () => {
  it("reads score and reason, defaulting the reason", () => {
    expect(parseVerdict('{"score":0,"reason":" no "}')).toEqual({ score: 0, reason: "no" });
    expect(parseVerdict('{"score":1}')).toEqual({ score: 1, reason: "" });
    expect(() => parseVerdict("[0.5]")).toThrow(/did not answer with JSON/);
    expect(() => parseVerdict('{"score": -0.1}')).toThrow(/outside 0–1/);
  });
});

describe("judgeMessages", () => {
  it("includes the expected answer only when there is one, and cuts very long texts", () => {
    const [, withoutExpected] = judgeMessages({ ...request, expected: {} });
    expect(withoutExpected.content).not.toContain("Expected:");
    const [, withExpected] = judgeMessages({ ...request, expected: { outcome: "rejected" } });
    expect(withExpected.content).toContain('Expected:\n{\n  "outcome": "rejected"\n}');
    const [, long] = judgeMessages({ ...request, output: "y".repeat(MAX_JUDGE_TEXT_CHARS + 5) });
    expect(long.content).toContain(`${"y".repeat(MAX_JUDGE_TEXT_CHARS)}\n[… 5 more characters not shown]`);
    expect(long.content).not.toContain("y".repeat(MAX_JUDGE_TEXT_CHARS + 1));
  });
});
