import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures/role-fixture";
import { anonymousApi, signInPage, unique } from "./fixtures/session";
import { createAgent, createAgentKey } from "./fixtures/agents";

// Trace search on the traces page: text typed in the search box finds the trace whose span said it,
// the URL carries the search (so a reload or a shared link shows the same), and a pasted trace id
// opens the trace.
test("search finds a trace by text in a span's output, keeps it in the URL, and opens a pasted trace id", async ({ as, baseURL, page }) => {
  const { slug } = await createAgent(as.admin);
  const { key } = await createAgentKey(as.admin, slug);
  const agent = await anonymousApi(baseURL!);
  const phrase = unique("cracked-jug");
  const now = BigInt(Date.now()) * 1_000_000n;
  const send = async (traceId: string, output: string) => {
    const root = randomBytes(8).toString("hex");
    const spans = [
      { traceId, spanId: root, name: "invoke_agent support", startTimeUnixNano: String(now), endTimeUnixNano: String(now + 2_000_000n) },
      {
        traceId,
        spanId: randomBytes(8).toString("hex"),
        parentSpanId: root,
        name: "chat gpt-4o",
        startTimeUnixNano: String(now + 1000n),
        endTimeUnixNano: String(now + 1_000_000n),
        attributes: [
          { key: "openinference.span.kind", value: { stringValue: "LLM" } },
          { key: "llm.model_name", value: { stringValue: "gpt-4o" } },
          { key: "output.value", value: { stringValue: output } },
        ],
      },
    ];
    const response = await agent.post("/api/otlp/v1/traces", {
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      data: JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: slug } }] }, scopeSpans: [{ spans }] }] }),
    });
    expect(response.status(), await response.text()).toBe(200);
  };
  const matching = randomBytes(16).toString("hex");
  const other = randomBytes(16).toString("hex");
  await send(matching, `The blender arrived with a ${phrase} and the customer wants a refund`);
  await send(other, "The kettle arrived on time");
  // Ingest is acknowledged before the batch is written: wait until both traces can be read.
  for (const traceId of [matching, other]) await expect.poll(async () => (await as.admin.get(`/api/v1/traces/${traceId}`)).status()).toBe(200);

  await signInPage(page, "admin");
  await page.goto("/traces");
  const search = page.getByRole("searchbox", { name: "Search" });
  await search.fill(phrase.toUpperCase());
  await search.press("Enter");

  await expect(page).toHaveURL((url) => url.searchParams.get("q") === phrase.toUpperCase());
  const rows = page.getByTestId("trace-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-trace-id", matching);
  await expect(page.getByTestId("search-summary")).toContainText("in a span's input or output");

  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(phrase.toUpperCase());
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-trace-id", matching);

  // Sorting keeps the search; the column says how it is sorted.
  await page.getByTestId("trace-table").getByRole("link", { name: "Cost", exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("sort") === "cost" && url.searchParams.get("q") === phrase.toUpperCase());
  await expect(page.getByRole("columnheader", { name: "Cost" })).toHaveAttribute("aria-sort", "descending");
  await expect(rows).toHaveCount(1);

  // A pasted trace id opens the trace, and Back returns to the search.
  await page.getByRole("searchbox", { name: "Search" }).fill(other);
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`/traces/${other}$`));
  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === "/traces" && url.searchParams.get("q") === phrase.toUpperCase());
  await expect(rows.first()).toHaveAttribute("data-trace-id", matching);
});
