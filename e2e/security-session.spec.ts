import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./fixtures/role-fixture";
import { apiAs, signInPage } from "./fixtures/session";

// Sign-out ends the session on the server: a copy of the cookie taken before is worth nothing after.

test("after sign-out over HTTP, a copy of the session cookie gets 401 and pages send it to /login", async ({ baseURL }) => {
  const signedIn = await apiAs(baseURL!, "viewer");
  const copied = await signedIn.storageState();
  expect((await signedIn.get("/api/v1/agents")).status()).toBe(200);

  const { csrfToken } = await (await signedIn.get("/api/auth/csrf")).json();
  expect((await signedIn.post("/api/auth/signout", { form: { csrfToken, json: "true" } })).status()).toBe(200);

  const replay = await playwrightRequest.newContext({ baseURL, storageState: copied });
  const agents = await replay.get("/api/v1/agents");
  expect(agents.status()).toBe(401);
  expect((await agents.json()).error.code).toBe("unauthenticated");
  const overview = await replay.get("/", { maxRedirects: 0 });
  expect(overview.status()).toBe(307);
  expect(overview.headers().location).toMatch(/\/login/);
  expect(await (await replay.get("/api/auth/session")).json()).toEqual({});
  await Promise.all([signedIn.dispose(), replay.dispose()]);
});

test("after the Sign out button, the cookies the browser held no longer open a page", async ({ baseURL, browser, page }) => {
  await signInPage(page, "operator");
  await page.goto("/agents");
  const copied = await page.context().storageState();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const replay = await browser.newContext({ baseURL, storageState: copied });
  const replayed = await replay.newPage();
  await replayed.goto("/agents");
  await expect(replayed).toHaveURL(/\/login/);
  await replay.close();
});

test("signing out one session leaves the user's other sessions signed in", async ({ baseURL }) => {
  const [laptop, phone] = [await apiAs(baseURL!, "developer"), await apiAs(baseURL!, "developer")];
  const { csrfToken } = await (await laptop.get("/api/auth/csrf")).json();
  await laptop.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
  expect((await phone.get("/api/v1/agents")).status()).toBe(200);
  await Promise.all([laptop.dispose(), phone.dispose()]);
});
