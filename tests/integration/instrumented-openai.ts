import { expect } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { ProtobufLogsSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { createAgentKey } from "../../lib/keys/create-key";
import { serveNodeRoute } from "../../lib/http/node-routes";
import { ensureTestPrices } from "./default-prices";
import { makeAgent, makeTeam, makeUser } from "./helpers";

// What the tests of real instrumentation libraries share: a tiny local fake of the OpenAI chat API
// (a tool call, then an answer), Control Room's OTLP endpoints on a real HTTP server, and an agent key.
// Each test instruments the real `openai` client (or LangChain over it) with the real, unmodified
// library, collects its spans (and log records) in memory, and sends them over HTTP as the SDK's OTLP
// exporter would.

export const TOOL_CALL_RESPONSE = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "gpt-4o-mini-2024-07-18",
  choices: [
    {
      index: 0,
      finish_reason: "tool_calls",
      message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup_order", arguments: '{"order":42}' } }] },
    },
  ],
  usage: { prompt_tokens: 120, completion_tokens: 18, total_tokens: 138 },
};

export const ANSWER_RESPONSE = {
  id: "chatcmpl-2",
  object: "chat.completion",
  created: 1_700_000_001,
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Order 42 has shipped." } }],
  usage: { prompt_tokens: 160, completion_tokens: 9, total_tokens: 169 },
};

/** gpt-4o-mini's list price (per million tokens: $0.15 in, $0.60 out) of a call. */
export const miniCost = (input: number, output: number) => (input * 0.15 + output * 0.6) / 1e6;

export const SYSTEM_PROMPT = "You are a support agent.";
export const QUESTION = "Where is order 42?";
export const TOOL_RESULT = '{"status":"shipped"}';
export const TOOLS = [
  { type: "function" as const, function: { name: "lookup_order", parameters: { type: "object", properties: { order: { type: "number" } } } } },
];

export type Harness = {
  openAiUrl: string;
  key: string;
  /** POSTs spans (and log records) to Control Room as OTLP protobuf; fails the test on a non-200. */
  send: (spans: ReadableSpan[], records?: ReadableLogRecord[]) => Promise<void>;
  close: () => Promise<void>;
};

const listen = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

export async function startHarness(name: string): Promise<Harness> {
  await ensureTestPrices();
  const team = await makeTeam(name);
  const admin = await makeUser("admin", []);
  const agent = await makeAgent(team);
  const { key } = await createAgentKey(admin, agent.slug, { name });
  let calls = 0;
  const fakeOpenAi = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const body = calls++ % 2 === 0 ? TOOL_CALL_RESPONSE : ANSWER_RESPONSE;
      response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    });
  });
  const openAiUrl = `${await listen(fakeOpenAi)}/v1`;
  const controlRoom = http.createServer((request, response) => {
    if (!serveNodeRoute(request, response)) response.writeHead(404).end();
  });
  const otlpBase = `${await listen(controlRoom)}/api/otlp/v1`;
  const post = async (signal: "traces" | "logs", body: Uint8Array | undefined) => {
    const answer = await fetch(`${otlpBase}/${signal}`, {
      method: "POST",
      body: Buffer.from(body!),
      headers: { "Content-Type": "application/x-protobuf", Authorization: `Bearer ${key}` },
    });
    if (answer.status !== 200) throw new Error(`POST ${signal}: ${answer.status} ${await answer.text()}`);
  };
  return {
    openAiUrl,
    key,
    send: async (spans, records = []) => {
      // Logs first, as a BatchLogRecordProcessor often flushes them before the spans.
      if (records.length) await post("logs", ProtobufLogsSerializer.serializeRequest(records));
      await post("traces", ProtobufTraceSerializer.serializeRequest(spans));
    },
    close: async () => {
      await new Promise<void>((resolve) => fakeOpenAi.close(() => resolve()));
      await new Promise<void>((resolve) => controlRoom.close(() => resolve()));
    },
  };
}

type OpenAiModule = typeof import("openai");

/** The tool-call conversation on the real client: a question, the model's tool call, the tool's result, the answer. */
export async function converse(openai: OpenAiModule, baseURL: string): Promise<void> {
  const client = new openai.OpenAI({ apiKey: "test-key", baseURL });
  const messages = [
    { role: "system" as const, content: SYSTEM_PROMPT },
    { role: "user" as const, content: QUESTION },
  ];
  const first = await client.chat.completions.create({ model: "gpt-4o-mini", messages, tools: TOOLS });
  const toolCall = first.choices[0].message.tool_calls![0];
  await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [...messages, first.choices[0].message, { role: "tool", tool_call_id: toolCall.id, content: TOOL_RESULT }],
    tools: TOOLS,
  });
}

/**
 * What Control Room must show of the conversation's two calls (the stored spans, as the read API gives
 * them): kind, model, tokens, cost, the messages in and out, the tool call, and the tool's message as
 * `toolMessage` (dialects differ: text, or the tool's result).
 */
export function expectConversation(
  [one, two]: { kind: string; model: string | null; inputTokens: number | null; outputTokens: number | null; costUsd: number | null; input?: { messages: unknown[] | null } | null; output?: { messages: unknown[] | null } | null }[],
  toolMessage: object[],
): void {
  expect(one).toMatchObject({ kind: "llm", inputTokens: 120, outputTokens: 18 });
  expect(one.model).toMatch(/^gpt-4o-mini/);
  expect(one.costUsd).toBeCloseTo(miniCost(120, 18), 10);
  expect(one.input?.messages).toEqual([
    { role: "system", parts: [{ type: "text", text: SYSTEM_PROMPT }] },
    { role: "user", parts: [{ type: "text", text: QUESTION }] },
  ]);
  expect(one.output?.messages).toEqual([{ role: "assistant", parts: [{ type: "tool_call", name: "lookup_order", arguments: { order: 42 } }] }]);

  expect(two).toMatchObject({ kind: "llm", inputTokens: 160, outputTokens: 9 });
  expect(two.costUsd).toBeCloseTo(miniCost(160, 9), 10);
  const messages = (two.input?.messages ?? []) as { role: string; parts: object[] }[];
  expect(messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool"]);
  expect(messages[2].parts).toContainEqual({ type: "tool_call", name: "lookup_order", arguments: { order: 42 } });
  expect(messages[3].parts).toEqual(toolMessage);
  expect(two.output?.messages).toEqual([{ role: "assistant", parts: [{ type: "text", text: "Order 42 has shipped." }] }]);
}
