import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, demoRoles, emailOf, fillLogin, signInPage, signInThroughForm, type DemoRole } from "./fixtures/session";

// What each role may see in the main navigation (from the permission table).
const navOf: Record<DemoRole, string[]> = {
  viewer: ["Overview", "Agents", "Traces", "Costs", "Approvals", "Decisions", "Drift", "Alerts", "Incidents"],
  operator: ["Overview", "Agents", "Traces", "Costs", "Approvals", "Decisions", "Drift", "Alerts", "Incidents"],
  developer: ["Overview", "Agents", "Traces", "Costs", "Approvals", "Decisions", "Drift", "Alerts", "Incidents"],
  reviewer: ["Overview", "Agents", "Traces", "Costs", "Approvals", "Decisions", "Drift", "Alerts", "Incidents", "Audit log"],
  admin: ["Overview", "Agents", "Traces", "Costs", "Approvals", "Decisions", "Drift", "Alerts", "Incidents", "Audit log", "Users", "Teams", "API keys", "Prices", "Webhooks"],
};

for (const role of demoRoles) {
  test(`${role} signs in and sees only their navigation`, async ({ page }) => {
    await signInThroughForm(page, emailOf(role), DEMO_PASSWORD);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(navOf[role]);
    await expect(page.getByText(`${role}@demo.local`)).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  });
}

test("a wrong password gets the generic message and no session", async ({ page }) => {
  await fillLogin(page, "admin@demo.local", "not-the-password");
  await expect(page.getByRole("form", { name: "Sign in with email" }).getByRole("alert")).toHaveText("Invalid email or password.");
  await page.goto("/agents");
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown email gets the same message as a wrong password", async ({ page }) => {
  await fillLogin(page, "nobody@demo.local", "whatever-password");
  await expect(page.getByRole("form", { name: "Sign in with email" }).getByRole("alert")).toHaveText("Invalid email or password.");
});

test("signed-out visitors are sent to the login page, and sign out works", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await signInThroughForm(page, emailOf("viewer"), DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("pages a role may not use are refused even by URL, with 403", async ({ page }) => {
  await signInPage(page, "viewer");
  for (const path of ["/admin/users", "/admin/keys", "/admin/prices", "/admin/teams", "/audit", "/agents/new"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByText(/your role cannot|not allowed|permission/i).first()).toBeVisible();
  }
});

test("a missing agent answers 404 inside the app shell", async ({ page }) => {
  await signInPage(page, "viewer");
  const response = await page.goto("/agents/no-such-agent-anywhere");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("There is nothing at this address")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("a missing trace or session answers 404 inside the app shell, saying its spans may not have arrived", async ({ page }) => {
  await signInPage(page, "viewer");
  const trace = await page.goto("/traces/0123456789abcdef0123456789abcdef");
  expect(trace?.status()).toBe(404);
  await expect(page.getByText("Trace not found")).toBeVisible();
  await expect(page.getByText(/may not have arrived yet/)).toBeVisible();
  const session = await page.goto("/sessions/no-such-session-anywhere");
  expect(session?.status()).toBe(404);
  await expect(page.getByText("Session not found")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("the app icon is served, signed in or not", async ({ page, request }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/icon/);
  await signInPage(page, "viewer");
  const signedIn = await page.request.get("/favicon.ico");
  expect(signedIn.status()).toBe(200);
});
