import { expect, test, type Browser, type Page } from "@playwright/test";
import { openLoginPage, signInPage, unique } from "./fixtures/session";

// Single sign-on through a real OpenID Connect provider (scripts/oidc-dev-provider.mjs, started by
// playwright.config.ts with OIDC_ROLE_MAP "cr-admins=admin,cr-reviewers=reviewer" and
// OIDC_DEFAULT_ROLE "operator"). Each test signs in as a person the database has never seen
// (alice+<unique>), so it meets a first login on a reused database too.
const SSO_PASSWORD = "sso-password";

// From the app's login page through the provider's own sign-in form and back.
async function signInWithSso(page: Page, login: string) {
  await openLoginPage(page);
  await page.getByRole("button", { name: "Sign in with Dev SSO" }).click();
  await expect(page.getByRole("heading", { name: "Dev SSO" })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill(SSO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function sessionUser(page: Page) {
  const session = await (await page.request.get("/api/auth/session")).json();
  return session.user as { email: string; name: string; role: string } | undefined;
}

async function newPage(browser: Browser) {
  // A context of its own: no cookie of the app or the provider from another test.
  const context = await browser.newContext();
  return context.newPage();
}

const firstLogins = [
  { account: "alice", name: "Alice Admin", role: "admin", why: "cr-admins maps to admin" },
  { account: "bob", name: "Bob Reviewer", role: "reviewer", why: "cr-reviewers maps to reviewer" },
  { account: "carol", name: "Carol Contractor", role: "operator", why: "no group is mapped: OIDC_DEFAULT_ROLE" },
];

for (const { account, name, role, why } of firstLogins) {
  test(`a first SSO login creates ${account}'s user as ${role} (${why})`, async ({ page }) => {
    const login = unique(`${account}+e2e`);
    await signInWithSso(page, login);
    await expect(page).toHaveURL(/^[^?]*\/$/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByText(`${login}@sso.test`)).toBeVisible();
    expect(await sessionUser(page)).toMatchObject({ email: `${login}@sso.test`, name, role });
  });
}

test("the login page keeps its email and password form beside the SSO button", async ({ page }) => {
  await openLoginPage(page);
  const form = page.getByRole("form", { name: "Sign in with email" });
  await expect(form.getByLabel("Email", { exact: true })).toBeVisible();
  await expect(form.getByLabel("Password", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in with Dev SSO" })).toBeVisible();
});

test("a deactivated SSO user loses their session and cannot sign in again through SSO", async ({ page, browser }) => {
  // Three browsers and three sign-ins (two through the provider): on a loaded 2-core CI machine the
  // whole flow ran past the default 90 s once while every step was still within its own timeout.
  test.slow();
  const login = unique("carol+e2e");
  const email = `${login}@sso.test`;
  await signInWithSso(page, login);
  await expect(page).toHaveURL(/^[^?]*\/$/, { timeout: 30_000 });
  expect((await sessionUser(page))?.email).toBe(email);

  const adminPage = await newPage(browser);
  await signInPage(adminPage, "admin");
  await adminPage.goto("/admin/users");
  // The table shows 50 users a page; the filter finds any of them.
  await adminPage.getByLabel("Filter", { exact: true }).fill(email);
  const row = adminPage.locator(`tr[data-user="${email}"]`);
  await row.getByRole("button", { name: `Deactivate ${email}` }).click();
  await adminPage.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByText("Deactivated")).toBeVisible();
  await adminPage.context().close();

  // The session they hold is refused on the next request.
  await page.goto("/agents");
  await expect(page).toHaveURL(/\/login/);
  expect(await sessionUser(page)).toBeUndefined();

  // The provider still knows them (its own session): SSO sends them straight back, and the app says no.
  await page.getByRole("button", { name: "Sign in with Dev SSO" }).click();
  await expect(page).toHaveURL(/\/login\?.*error=/, { timeout: 30_000 });
  await expect(page.getByRole("form", { name: "Sign in with email" }).getByRole("alert")).toHaveText(
    "This account is deactivated. Ask an admin to reactivate it.",
  );
  expect(await sessionUser(page)).toBeUndefined();

  // A fresh browser, through the provider's form: the same refusal.
  const freshPage = await newPage(browser);
  await signInWithSso(freshPage, login);
  await expect(freshPage).toHaveURL(/\/login\?.*error=/, { timeout: 30_000 });
  await expect(freshPage.getByRole("form", { name: "Sign in with email" }).getByRole("alert")).toHaveText(
    "This account is deactivated. Ask an admin to reactivate it.",
  );
  await freshPage.context().close();
});
