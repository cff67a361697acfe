import { expect, test } from "@playwright/test";

test("GET /api/v1/openapi.json describes the API without signing in", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  expect(document.paths["/api/v1/guard"].post.security).toEqual([{ agentKey: [] }]);
  expect(document.paths["/api/otlp/v1/traces"].post).toBeTruthy();
});
