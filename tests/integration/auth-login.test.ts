import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Every password check, counted: the throttles must refuse without checking.
const passwordChecks = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret";
  return { count: 0 };
});
vi.mock("../../lib/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../lib/auth/password")>();
  return {
    ...actual,
    verifyPassword: (hash: string, password: string) => {
      passwordChecks.count += 1;
      return actual.verifyPassword(hash, password);
    },
  };
});

import { authOptions } from "../../lib/auth/config";
import { ACCOUNT_FAILURE_LIMIT, CLIENT_FAILURE_LIMIT, LOGIN_WINDOW_MINUTES } from "../../lib/auth/login-limits";
import { db } from "../../lib/db/client";
import { createUser } from "../../lib/users/create-user";
import { updateUser } from "../../lib/users/update-user";
import type { UserPrincipal } from "../../lib/auth/principal";
import { makeTeam, makeUser, unique } from "./helpers";

// Sign-in through next-auth's credentials provider, as the production server calls it: scripts/serve.mjs
// names the header that carries the socket's address.
const CLIENT_HEADER = "x-controlroom-client-address";
(globalThis as { controlRoomClientAddressHeader?: string }).controlRoomClientAddressHeader = CLIENT_HEADER;
type Authorize = (credentials: unknown, request: unknown) => Promise<unknown>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

// "signed-in", "CredentialsSignin" (wrong email or password), or the error the login page is sent
// (throttled, locked).
async function signIn(email: string, password: string, client: string | null): Promise<string> {
  try {
    const headers = client ? { [CLIENT_HEADER]: client } : {};
    const user = await authorize({ email, password }, { headers, body: {}, query: {}, method: "POST" });
    return user ? "signed-in" : "CredentialsSignin";
  } catch (error) {
    return (error as Error).message;
  }
}

// Addresses no earlier run used (PostgreSQL keeps throttle rows between runs).
const newClient = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const newEmail = (name = "person") => `${name}-${unique()}@test.local`;
const PASSWORD = "correct horse battery";

let admin: UserPrincipal;
let teamId: string;
beforeAll(async () => {
  admin = await makeUser("admin", []);
  teamId = (await makeTeam("login")).id;
});

const createWithPassword = () => createUser(admin, { email: newEmail(), name: "Pat Person", role: "viewer", teamIds: [teamId], password: PASSWORD });

// `count` failed sign-ins on the email, spread over clients that each stay under their own limit.
async function failFromManyClients(email: string, count: number) {
  for (let done = 0; done < count; ) {
    const client = newClient();
    for (let index = 0; index < CLIENT_FAILURE_LIMIT - 1 && done < count; index += 1, done += 1) {
      expect(await signIn(email, `wrong-${done}-password`, client)).toBe("CredentialsSignin");
    }
  }
}

async function checksDuring(work: () => Promise<unknown>) {
  const before = passwordChecks.count;
  await work();
  return passwordChecks.count - before;
}

describe("credentials", () => {
  it("signs in with the right password (email in any case) and records the login", async () => {
    const user = await createWithPassword();
    expect(await signIn(` ${user.email.toUpperCase()} `, PASSWORD, newClient())).toBe("signed-in");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lastLoginAt).not.toBeNull();
  });

  it("refuses a wrong password, an unknown email, a deactivated user, an SSO-only user and malformed input alike", async () => {
    const user = await createWithPassword();
    const client = newClient();
    expect(await signIn(user.email, "wrong password!", client)).toBe("CredentialsSignin");
    expect(await signIn(newEmail("ghost"), PASSWORD, client)).toBe("CredentialsSignin");
    const inactive = await createWithPassword();
    await updateUser(admin, inactive.id, { active: false });
    expect(await signIn(inactive.email, PASSWORD, client)).toBe("CredentialsSignin");
    const ssoOnly = await makeUser("viewer", []);
    expect(await signIn(ssoOnly.email, PASSWORD, client)).toBe("CredentialsSignin");
    expect(await authorize({ email: user.email }, { headers: { [CLIENT_HEADER]: client } })).toBeNull();
    expect(await authorize(undefined, { headers: { [CLIENT_HEADER]: client } })).toBeNull();
  });
});

describe("the account lock", () => {
  it(`checks at most ${ACCOUNT_FAILURE_LIMIT} of a parallel burst of wrong guesses; then even the right password is refused unchecked`, async () => {
    const user = await createWithPassword();
    const clients = Array.from({ length: 18 }, newClient);
    let outcomes: string[] = [];
    const checked = await checksDuring(async () => {
      outcomes = await Promise.all(
        Array.from({ length: 3 * ACCOUNT_FAILURE_LIMIT }, (_, index) => signIn(user.email, `wrong-${index}-password`, clients[index % clients.length])),
      );
    });
    expect(checked).toBe(ACCOUNT_FAILURE_LIMIT);
    expect(outcomes.filter((outcome) => outcome === "CredentialsSignin")).toHaveLength(ACCOUNT_FAILURE_LIMIT);
    expect(outcomes.filter((outcome) => outcome === "locked")).toHaveLength(2 * ACCOUNT_FAILURE_LIMIT);
    expect(await checksDuring(async () => expect(await signIn(user.email, PASSWORD, newClient())).toBe("locked"))).toBe(0);
  });

  it("locks unknown emails the same way, so the lock tells nobody which accounts exist", async () => {
    const email = newEmail("ghost");
    await failFromManyClients(email, ACCOUNT_FAILURE_LIMIT);
    expect(await signIn(email, PASSWORD, newClient())).toBe("locked");
  });

  it("is cleared by the right password before the limit", async () => {
    const user = await createWithPassword();
    await failFromManyClients(user.email, ACCOUNT_FAILURE_LIMIT - 1);
    expect(await signIn(user.email, PASSWORD, newClient())).toBe("signed-in");
    await failFromManyClients(user.email, ACCOUNT_FAILURE_LIMIT - 1);
    expect(await signIn(user.email, PASSWORD, newClient())).toBe("signed-in");
  });

  it("lasts the window, then doubles when the account is locked again within a day", async () => {
    const user = await createWithPassword();
    const key = `account:${user.email}`;
    await failFromManyClients(user.email, ACCOUNT_FAILURE_LIMIT);
    const first = await db().loginThrottle.findUniqueOrThrow({ where: { key } });
    const minutesLeft = (row: { lockedUntil: Date | null }) => (row.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutesLeft(first)).toBeGreaterThan(LOGIN_WINDOW_MINUTES - 2);
    expect(minutesLeft(first)).toBeLessThanOrEqual(LOGIN_WINDOW_MINUTES);

    // The lock runs out; the next burst locks it for twice as long.
    await db().loginThrottle.update({ where: { key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await failFromManyClients(user.email, ACCOUNT_FAILURE_LIMIT);
    const second = await db().loginThrottle.findUniqueOrThrow({ where: { key } });
    expect(minutesLeft(second)).toBeGreaterThan(2 * LOGIN_WINDOW_MINUTES - 2);
    expect(minutesLeft(second)).toBeLessThanOrEqual(2 * LOGIN_WINDOW_MINUTES);
  });

  it("is lifted by an admin's password reset", async () => {
    const user = await createWithPassword();
    await failFromManyClients(user.email, ACCOUNT_FAILURE_LIMIT);
    expect(await signIn(user.email, PASSWORD, newClient())).toBe("locked");
    await updateUser(admin, user.id, { password: "a brand new password" });
    expect(await signIn(user.email, PASSWORD, newClient())).toBe("CredentialsSignin");
    expect(await signIn(user.email, "a brand new password", newClient())).toBe("signed-in");
  });
});

describe("the per-client throttle", () => {
  it(`refuses a client after ${CLIENT_FAILURE_LIMIT} failures across any emails, unchecked, even with the right password`, async () => {
    const user = await createWithPassword();
    const client = newClient();
    for (let index = 0; index < CLIENT_FAILURE_LIMIT; index += 1) expect(await signIn(newEmail("guess"), "wrong-password", client)).toBe("CredentialsSignin");
    expect(await checksDuring(async () => expect(await signIn(user.email, PASSWORD, client)).toBe("throttled"))).toBe(0);
    expect(await signIn(user.email, PASSWORD, newClient())).toBe("signed-in");
  });

  it(`checks at most ${CLIENT_FAILURE_LIMIT} of one client's parallel guesses`, async () => {
    const client = newClient();
    let outcomes: string[] = [];
    const checked = await checksDuring(async () => {
      outcomes = await Promise.all(Array.from({ length: 3 * CLIENT_FAILURE_LIMIT }, () => signIn(newEmail("guess"), "wrong-password", client)));
    });
    expect(checked).toBe(CLIENT_FAILURE_LIMIT);
    expect(outcomes.filter((outcome) => outcome === "throttled")).toHaveLength(2 * CLIENT_FAILURE_LIMIT);
  });

  it("comes before the account lock: one client cannot lock someone else's account", async () => {
    const user = await createWithPassword();
    const attacker = newClient();
    for (let index = 0; index < 3 * CLIENT_FAILURE_LIMIT; index += 1) await signIn(user.email, `wrong-${index}-password`, attacker);
    expect(await signIn(user.email, PASSWORD, attacker)).toBe("throttled");
    expect(await signIn(user.email, PASSWORD, newClient())).toBe("signed-in");
  });

  it("is not used up by successful sign-ins, nor by attempts on a locked account", async () => {
    const user = await createWithPassword();
    const lockedEmail = newEmail("locked");
    await failFromManyClients(lockedEmail, ACCOUNT_FAILURE_LIMIT);
    const client = newClient();
    for (let index = 0; index < 3; index += 1) expect(await signIn(newEmail("typo"), "wrong-password", client)).toBe("CredentialsSignin");
    for (let index = 0; index < CLIENT_FAILURE_LIMIT + 5; index += 1) {
      expect(await signIn(user.email, PASSWORD, client)).toBe("signed-in");
      expect(await signIn(lockedEmail, PASSWORD, client)).toBe("locked");
    }
    for (let index = 3; index < CLIENT_FAILURE_LIMIT; index += 1) expect(await signIn(newEmail("typo"), "wrong-password", client)).toBe("CredentialsSignin");
    expect(await signIn(newEmail("typo"), "wrong-password", client)).toBe("throttled");
  });

  it("treats an IPv6 /64 as one client and an IPv4-mapped address as its IPv4 address", async () => {
    const prefix = `2001:db8:${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}`;
    for (let index = 0; index < CLIENT_FAILURE_LIMIT; index += 1) {
      expect(await signIn(newEmail("guess"), "wrong-password", `${prefix}::${(index + 1).toString(16)}`)).toBe("CredentialsSignin");
    }
    expect(await signIn(newEmail("guess"), "wrong-password", `${prefix}:1:2:3:4`)).toBe("throttled");

    const client = newClient();
    for (let index = 0; index < CLIENT_FAILURE_LIMIT; index += 1) expect(await signIn(newEmail("guess"), "wrong-password", client)).toBe("CredentialsSignin");
    expect(await signIn(newEmail("guess"), "wrong-password", `::ffff:${client}`)).toBe("throttled");
  });

  it("is skipped when the server cannot know the client (next start), leaving the account lock", async () => {
    for (let index = 0; index < CLIENT_FAILURE_LIMIT + 2; index += 1) expect(await signIn(newEmail("guess"), "wrong-password", null)).toBe("CredentialsSignin");
  });
});
