import type { APIResponse, ConsoleMessage, Page, Response } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { anonymousApi, DEMO_PASSWORD, emailOf, signInThroughForm } from "./fixtures/session";
import { startOtherOrigin } from "./fixtures/other-origin";

// Security headers on every answer: pages, Next's API routes, next-auth, and the guard that the production
// server answers on plain node:http ahead of Next.
function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri", "form-action"]) {
    expect(csp, `${what}: CSP ${directive}`).toContain(directive);
  }
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("same-origin");
}

const headersOf = (response: APIResponse | Response) => response.headers();

test("pages carry the security headers and a fresh script nonce per request, which Next puts on its scripts", async ({ baseURL }) => {
  const anonymous = await anonymousApi(baseURL!);
  const first = await anonymous.get("/login");
  const second = await anonymous.get("/login");
  expectSecurityHeaders(headersOf(first), "GET /login");
  const nonceOf = (response: APIResponse) => /script-src [^;]*'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  const nonce = nonceOf(first);
  expect(nonce).toBeTruthy();
  expect(nonceOf(second)).not.toBe(nonce);
  const csp = first.headers()["content-security-policy"];
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/);
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script, "every script carries the nonce").toContain(`nonce="${nonce}"`);
  await anonymous.dispose();
});

test("API answers carry the security headers too", async ({ baseURL, as }) => {
  const anonymous = await anonymousApi(baseURL!);
  expectSecurityHeaders(headersOf(await anonymous.get("/api/health")), "GET /api/health");
  expectSecurityHeaders(headersOf(await anonymous.get("/api/auth/csrf")), "GET /api/auth/csrf");
  expectSecurityHeaders(headersOf(await anonymous.get("/api/v1/agents")), "GET /api/v1/agents (401)");
  expectSecurityHeaders(headersOf(await as.viewer.get("/api/v1/agents")), "GET /api/v1/agents");
  // Answered by scripts/serve.mjs's node:http handler, not by Next.
  expectSecurityHeaders(headersOf(await anonymous.post("/api/v1/guard", { data: {} })), "POST /api/v1/guard (401)");
  await anonymous.dispose();
});

// CSP violations (as the console reports them and as the document's securitypolicyviolation events see
// them) and uncaught page errors, such as a hydration that failed.
async function collectViolations(page: Page) {
  const problems: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.exposeFunction("reportViolation", (text: string) => problems.push(text));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(`${event.violatedDirective} blocked ${event.blockedURI}`),
    ),
  );
  return problems;
}

test("the main pages render and hydrate under the policy with no CSP violation", async ({ page }) => {
  test.slow();
  const violations = await collectViolations(page);
  // The login form only marks itself hydrated once React runs on it.
  await signInThroughForm(page, emailOf("admin"), DEMO_PASSWORD);
  // Overview: a recharts chart (inline styles) drawn in the browser.
  await expect(page.getByTestId("blocked-chart").getByRole("application")).toBeVisible();
  await page.goto("/agents/claims-agent");
  await expect(page.getByTestId("agent-actions")).toBeVisible();
  await page.goto("/agents/claims-agent/costs");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/approvals");
  await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  // Client navigation works (the router's scripts ran).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agents" }).click();
  await expect(page).toHaveURL(/\/agents$/);
  await expect(page.getByTestId("agent-row").first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("a page of another origin of the site cannot frame the signed-in /approvals page", async ({ as, baseURL, browser }) => {
  const site = await startOtherOrigin();
  site.page("/frame", `<!doctype html><html><body><iframe src="${baseURL}/approvals" width="800" height="600"></iframe></body></html>`);
  const context = await browser.newContext({ baseURL, storageState: await as.admin.storageState() });
  const page = await context.newPage();
  const framed = page.waitForResponse((response) => response.url() === `${baseURL}/approvals`);
  await page.goto(site.url("/frame"));
  expect((await framed).status()).toBe(200);
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  expect(frame).toBeTruthy();
  // Chromium replaces a refused frame with its own error page.
  await expect.poll(() => frame!.url()).toMatch(/^chrome-error:/);
  await expect(page.frameLocator("iframe").getByRole("heading", { name: "Approvals" })).toHaveCount(0);
  await context.close();
  await site.close();
});
