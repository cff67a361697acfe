import { expect, test } from "@playwright/test";

// GET /metrics on the production server: Prometheus text, open without CONTROLROOM_METRICS_TOKEN, with
// the non-page security headers (no page nonce, no login redirect), and counting guard calls that
// scripts/serve.mjs answers on node:http ahead of Next.
const guardRefusals = 'controlroom_http_requests_total{route="/api/v1/guard",method="POST",status="401"}';
const valueOf = (body: string, series: string) => Number(body.split("\n").find((line) => line.startsWith(`${series} `))?.slice(series.length + 1) ?? 0);

test("GET /metrics answers Prometheus text and counts guard calls answered on node:http", async ({ request }) => {
  const before = await request.get("/metrics", { maxRedirects: 0 });
  expect(before.status()).toBe(200);
  expect(before.headers()["content-type"]).toContain("text/plain; version=0.0.4");
  const csp = before.headers()["content-security-policy"];
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain("nonce-");
  const beforeBody = await before.text();
  expect(beforeBody).toContain("# TYPE controlroom_guard_decisions_total counter");
  expect(beforeBody).toContain("# TYPE process_cpu_seconds_total counter");

  expect((await request.post("/api/v1/guard", { data: {}, headers: { Authorization: "Bearer cr_not_a_key" } })).status()).toBe(401);
  const after = await (await request.get("/metrics")).text();
  expect(valueOf(after, guardRefusals)).toBeGreaterThan(valueOf(beforeBody, guardRefusals));
});
