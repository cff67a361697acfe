import { expect, test } from "./fixtures/role-fixture";
import { anonymousApi, signInPage } from "./fixtures/session";
import { createAgent, createAgentKey } from "./fixtures/agents";
import { conversationEvents, logsProtobufOf, recordModelCall } from "../tests/integration/otlp-log-builders";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";

// GenAI message events sent as OTLP logs (as @opentelemetry/instrumentation-openai sends them) before
// their span reach the timeline: the model call's messages and tool call show in the span's details.
test("messages sent as OTLP logs show in the timeline, tool calls included", async ({ as, baseURL, page }) => {
  const { slug } = await createAgent(as.admin);
  const { key } = await createAgentKey(as.admin, slug);
  const agent = await anonymousApi(baseURL!);
  const call = await recordModelCall({ events: conversationEvents });
  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/x-protobuf" };
  const logs = await agent.post("/api/otlp/v1/logs", { headers, data: Buffer.from(logsProtobufOf(call.logs)) });
  expect(logs.status(), await logs.text()).toBe(200);
  const spans = await agent.post("/api/otlp/v1/traces", { headers, data: Buffer.from(ProtobufTraceSerializer.serializeRequest(call.spans)!) });
  expect(spans.status(), await spans.text()).toBe(200);

  await signInPage(page, "admin");
  await page.goto(`/traces/${call.traceId}`);
  await page.getByTestId("waterfall").getByText("chat gpt-4o-mini", { exact: true }).first().click();
  const details = page.getByTestId("span-details");
  // Exact text: the message as shown, not the same words quoted in the events' attributes below it.
  const messages = details.getByRole("list", { name: "Messages" });
  await expect(messages.first().getByText("Where is order 42?", { exact: true })).toBeVisible();
  await expect(messages.first().getByText("lookup_order", { exact: true })).toBeVisible();
  await expect(messages.last().getByText("Order 42 has shipped.", { exact: true })).toBeVisible();
});
