import { expect, test } from "@playwright/test";

test("GET /api/health answers 200 with the database status", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.db.status).toBe("ok");
});
