import { expect, test } from "./fixtures/role-fixture";
import { loopbackClient } from "./fixtures/loopback-client";
import { DEMO_PASSWORD, emailOf, fillLogin, unique } from "./fixtures/session";
import { ACCOUNT_FAILURE_LIMIT, CLIENT_FAILURE_LIMIT } from "../lib/auth/login-limits";

// Login throttles over HTTP: each loopback client below is a distinct address to the server.

test("one client is throttled after its failures, across any emails, even with the right password", async ({ baseURL }) => {
  const guesser = loopbackClient(baseURL!);
  for (let index = 0; index < CLIENT_FAILURE_LIMIT; index += 1) {
    expect(await guesser.signIn(`${unique("nobody")}@demo.local`, "wrong-password")).toBe("CredentialsSignin");
  }
  expect(await guesser.signIn(`${unique("nobody")}@demo.local`, "wrong-password")).toBe("throttled");
  expect(await guesser.signIn(emailOf("admin"), DEMO_PASSWORD)).toBe("throttled");
  // Another client, and the account itself, are untouched.
  expect(await loopbackClient(baseURL!).signIn(emailOf("admin"), DEMO_PASSWORD)).toBe("signed-in");
});

test("successful sign-ins do not use up a client's allowance", async ({ baseURL }) => {
  const client = loopbackClient(baseURL!);
  for (let index = 0; index < CLIENT_FAILURE_LIMIT + 5; index += 1) {
    expect(await client.signIn(emailOf("viewer"), DEMO_PASSWORD)).toBe("signed-in");
  }
  expect(await client.signIn(emailOf("viewer"), "wrong-password")).toBe("CredentialsSignin");
});

test("an account locks only after failures from several clients; the login form says so", async ({ as, baseURL, page }) => {
  const email = `${unique("lock")}@test.local`;
  const password = "the-right-password";
  const created = await as.admin.post("/api/v1/users", { data: { email, name: "Lock target", role: "viewer", password } });
  expect(created.status(), await created.text()).toBe(201);

  // One client alone is throttled before the account locks: the owner still signs in.
  const first = loopbackClient(baseURL!);
  for (let index = 0; index < CLIENT_FAILURE_LIMIT; index += 1) expect(await first.signIn(email, `wrong-${index}`)).toBe("CredentialsSignin");
  expect(await first.signIn(email, "wrong-again")).toBe("throttled");
  expect(await loopbackClient(baseURL!).signIn(email, password)).toBe("signed-in");

  // Enough clients together lock it, and then even the right password is refused.
  for (let failures = 0; failures < ACCOUNT_FAILURE_LIMIT; ) {
    const client = loopbackClient(baseURL!);
    for (let index = 0; index < CLIENT_FAILURE_LIMIT && failures < ACCOUNT_FAILURE_LIMIT; index += 1, failures += 1) {
      expect(await client.signIn(email, `wrong-${failures}`)).toBe("CredentialsSignin");
    }
  }
  expect(await loopbackClient(baseURL!).signIn(email, password)).toBe("locked");

  await fillLogin(page, email, password);
  await expect(page.getByRole("form", { name: "Sign in with email" }).getByRole("alert")).toHaveText(/locked after too many failed sign-ins/);
});

test("the login page explains a throttled sign-in it is sent back to", async ({ page }) => {
  await page.goto("/login?error=throttled");
  await expect(page.getByRole("form", { name: "Sign in with email" }).getByRole("alert")).toHaveText(/Too many failed sign-ins from your network/);
});
