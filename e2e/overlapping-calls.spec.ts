import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures/role-fixture";
import { anonymousApi, signInPage } from "./fixtures/session";
import { createAgent, createAgentKey } from "./fixtures/agents";

// LangChain's and OpenAI's instrumentations both report one model call: the trace page shows both spans
// and says on each which one the totals count, and why.
test("a call two instrumentations reported is counted once, and each span says which one counts", async ({ as, baseURL, page }) => {
  const { slug } = await createAgent(as.admin);
  const { key } = await createAgentKey(as.admin, slug);
  const agent = await anonymousApi(baseURL!);
  const traceId = randomBytes(16).toString("hex");
  const [root, outer, inner] = [0, 1, 2].map(() => randomBytes(8).toString("hex"));
  const t0 = BigInt(Date.now() - 10_000) * 1_000_000n;
  const at = (ms: number) => String(t0 + BigInt(ms) * 1_000_000n);
  const attribute = (k: string, v: string | number) => ({ key: k, value: typeof v === "number" ? { intValue: String(v) } : { stringValue: v } });
  const call = (spanId: string, name: string, from: number, to: number) => ({
    traceId, spanId, parentSpanId: root, name, kind: 3, startTimeUnixNano: at(from), endTimeUnixNano: at(to), status: { code: 1 },
    attributes: [attribute("gen_ai.operation.name", "chat"), attribute("gen_ai.request.model", "gpt-4o"), attribute("gen_ai.usage.input_tokens", 1000), attribute("gen_ai.usage.output_tokens", 200)],
  });
  const body = {
    resourceSpans: [{
      resource: { attributes: [attribute("service.name", slug)] },
      scopeSpans: [
        { scope: { name: "app" }, spans: [{ traceId, spanId: root, name: "invoke_agent support", kind: 1, startTimeUnixNano: at(0), endTimeUnixNano: at(2000), status: { code: 1 } }] },
        { scope: { name: "openinference.instrumentation.langchain" }, spans: [call(outer, "ChatOpenAI", 10, 1500)] },
        { scope: { name: "@opentelemetry/instrumentation-openai" }, spans: [call(inner, "chat gpt-4o", 20, 1400)] },
      ],
    }],
  };
  const sent = await agent.post("/api/otlp/v1/traces", { headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" }, data: JSON.stringify(body) });
  expect(sent.status(), await sent.text()).toBe(200);
  await expect.poll(async () => (await as.admin.get(`/api/v1/traces/${traceId}`)).status()).toBe(200);

  // The read API: both spans with their own usage, totals once.
  const read = await (await as.admin.get(`/api/v1/traces/${traceId}`)).json();
  expect(read.spans).toHaveLength(3);
  expect(read.totals).toMatchObject({ inputTokens: 1000, outputTokens: 200 });

  await signInPage(page, "admin");
  await page.goto(`/traces/${traceId}?span=${inner}`);
  const note = page.getByTestId("counted-once");
  await expect(note).toContainText("Not counted in the trace's totals");
  await expect(note).toContainText("ChatOpenAI");
  await expect(note).toContainText("started first");
  await page.goto(`/traces/${traceId}?span=${outer}`);
  await expect(page.getByTestId("counted-once")).toContainText("Counted once for 2 instrumentations");
});
