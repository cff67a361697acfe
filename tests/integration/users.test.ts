import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "../../lib/db/client";
import { createUser } from "../../lib/users/create-user";
import { updateUser } from "../../lib/users/update-user";
import { listUsers } from "../../lib/users/list-users";
import { verifyCredentials, FAILURES_BEFORE_LOCK } from "../../lib/auth/verify-credentials";
import type { UserPrincipal } from "../../lib/auth/principal";
import { auditOf, expectAppError, makeTeam, makeUser, onPglite, unique, type TestTeam } from "./helpers";

const PASSWORD = "correct horse battery";

let admin: UserPrincipal;
let team: TestTeam;

beforeAll(async () => {
  admin = await makeUser("admin", []);
  team = await makeTeam("people");
});

const newEmail = (name = "person") => `${name}-${unique()}@test.local`;

async function createWithPassword(role: "viewer" | "admin" = "viewer") {
  return createUser(admin, { email: newEmail(role), name: "Pat Person", role, teamIds: [team.id], password: PASSWORD });
}

const userRow = (id: string) => db().user.findUniqueOrThrow({ where: { id } });

describe("createUser and updateUser", () => {
  it("creates a user with teams, a hashed password and a user.create audit entry", async () => {
    const email = newEmail("Mixed.Case");
    const created = await createUser(admin, { email: email.toUpperCase(), name: "Pat", role: "developer", teamIds: [team.id], password: PASSWORD });
    expect(created).toMatchObject({ email: email.toLowerCase(), role: "developer", active: true, teams: [{ id: team.id, name: team.name }] });
    expect(created).not.toHaveProperty("passwordHash");
    const stored = await db().user.findUniqueOrThrow({ where: { id: created.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(PASSWORD);
    const entries = await auditOf(created.id);
    expect(entries.map((entry) => entry.action)).toEqual(["user.create"]);
    expect(JSON.stringify(entries[0].after)).not.toContain(PASSWORD);
  });

  it("is for admins only", async () => {
    for (const role of ["viewer", "operator", "developer", "reviewer"] as const) {
      const principal = await makeUser(role, [team.id]);
      const email = newEmail();
      await expectAppError(createUser(principal, { email, name: "X", role: "admin", password: PASSWORD }), "forbidden");
      await expectAppError(updateUser(principal, principal.userId, { role: "admin" }), "forbidden");
      await expectAppError(listUsers(principal), "forbidden");
      expect(await db().user.findUnique({ where: { email } })).toBeNull();
      expect((await userRow(principal.userId)).role).toBe(role);
    }
  });

  it("refuses a duplicate email (any case) with a conflict", async () => {
    const first = await createWithPassword();
    const error = await expectAppError(
      createUser(admin, { email: first.email.toUpperCase(), name: "Twin", role: "viewer", password: PASSWORD }),
      "conflict",
    );
    expect(error.details).toEqual({ fieldErrors: { email: ["Already registered"] } });
  });

  it("validates input: short password, bad email, unknown role, unknown team", async () => {
    await expect(createUser(admin, { email: newEmail(), name: "X", role: "viewer", password: "short" })).rejects.toBeInstanceOf(ZodError);
    await expect(createUser(admin, { email: "not-an-email", name: "X", role: "viewer", password: PASSWORD })).rejects.toBeInstanceOf(ZodError);
    await expect(createUser(admin, { email: newEmail(), name: "X", role: "root", password: PASSWORD })).rejects.toBeInstanceOf(ZodError);
    await expectAppError(
      createUser(admin, { email: newEmail(), name: "X", role: "viewer", password: PASSWORD, teamIds: ["00000000-0000-4000-8000-000000000000"] }),
      "validation_failed",
    );
  });

  it("changes role and teams, and audits deactivation and reactivation", async () => {
    const user = await createWithPassword();
    const other = await makeTeam("other");
    const updated = await updateUser(admin, user.id, { role: "operator", teamIds: [other.id] });
    expect(updated).toMatchObject({ role: "operator", teams: [{ id: other.id, name: other.name }] });
    expect((await updateUser(admin, user.id, { active: false })).active).toBe(false);
    expect((await updateUser(admin, user.id, { active: true })).active).toBe(true);
    expect((await auditOf(user.id)).map((entry) => entry.action)).toEqual(["user.create", "user.update", "user.deactivate", "user.reactivate"]);
    await expectAppError(updateUser(admin, "00000000-0000-4000-8000-000000000000", { name: "Nobody" }), "not_found");
  });

  it("lets an admin be demoted while another active admin exists", async () => {
    const second = await createWithPassword("admin");
    expect((await updateUser(admin, second.id, { role: "reviewer" })).role).toBe("reviewer");
  });

  // Only the embedded database is private to this file, so only there can every other admin be retired.
  it.runIf(onPglite)("never demotes or deactivates the last active admin", async () => {
    await db().user.updateMany({ where: { role: "admin", active: true }, data: { active: false } });
    const last = await createWithPassword("admin");
    expect(await db().user.count({ where: { role: "admin", active: true } })).toBe(1);
    await expectAppError(updateUser(admin, last.id, { role: "developer" }), "conflict");
    await expectAppError(updateUser(admin, last.id, { active: false }), "conflict");
    expect(await userRow(last.id)).toMatchObject({ role: "admin", active: true });
    // Renaming is still fine, and once a second admin exists the first may step down.
    expect((await updateUser(admin, last.id, { name: "Still admin" })).name).toBe("Still admin");
    await createWithPassword("admin");
    expect((await updateUser(admin, last.id, { role: "developer" })).role).toBe("developer");
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password (email in any case) and records the login", async () => {
    const user = await createWithPassword();
    const verified = await verifyCredentials({ email: ` ${user.email.toUpperCase()} `, password: PASSWORD });
    expect(verified).toEqual({ id: user.id, email: user.email, name: user.name, role: "viewer" });
    expect((await userRow(user.id)).lastLoginAt).not.toBeNull();
  });

  it("returns null for a wrong password, an unknown email, a deactivated user and malformed input", async () => {
    const user = await createWithPassword();
    expect(await verifyCredentials({ email: user.email, password: "wrong password!" })).toBeNull();
    expect(await verifyCredentials({ email: newEmail("ghost"), password: PASSWORD })).toBeNull();
    expect(await verifyCredentials({ email: user.email })).toBeNull();
    expect(await verifyCredentials(null)).toBeNull();
    const inactive = await createWithPassword();
    await updateUser(admin, inactive.id, { active: false });
    expect(await verifyCredentials({ email: inactive.email, password: PASSWORD })).toBeNull();
  });

  it("returns null for a user without a password (single sign-on only)", async () => {
    const ssoUser = await makeUser("viewer", []);
    expect(await verifyCredentials({ email: ssoUser.email, password: PASSWORD })).toBeNull();
  });

  it("resets the failure count on success before the lock threshold", async () => {
    const user = await createWithPassword();
    for (let i = 0; i < FAILURES_BEFORE_LOCK - 1; i += 1) {
      expect(await verifyCredentials({ email: user.email, password: `wrong-${i}-password` })).toBeNull();
    }
    expect((await userRow(user.id)).failedLogins).toBe(FAILURES_BEFORE_LOCK - 1);
    expect(await verifyCredentials({ email: user.email, password: PASSWORD })).not.toBeNull();
    expect(await userRow(user.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it(`locks the account after ${FAILURES_BEFORE_LOCK} failures: even the right password is refused`, async () => {
    const user = await createWithPassword();
    const started = Date.now();
    for (let i = 0; i < FAILURES_BEFORE_LOCK; i += 1) {
      expect(await verifyCredentials({ email: user.email, password: `wrong-${i}-password` })).toBeNull();
    }
    const locked = await userRow(user.id);
    expect(locked.failedLogins).toBe(FAILURES_BEFORE_LOCK);
    expect(locked.lockedUntil).not.toBeNull();
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(locked.lockedUntil!.getTime()).toBeLessThanOrEqual(started + 60_000 + 5_000);
    expect(await verifyCredentials({ email: user.email, password: PASSWORD })).toBeNull();
    // Refused without counting: a locked account is not checked at all.
    expect((await userRow(user.id)).failedLogins).toBe(FAILURES_BEFORE_LOCK);

    // Once the lock has passed the right password works again and clears the throttle.
    await db().user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await verifyCredentials({ email: user.email, password: PASSWORD })).not.toBeNull();
    expect(await userRow(user.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it("lets an admin's password reset clear the lock", async () => {
    const user = await createWithPassword();
    for (let i = 0; i < FAILURES_BEFORE_LOCK; i += 1) await verifyCredentials({ email: user.email, password: `wrong-${i}-password` });
    expect((await userRow(user.id)).lockedUntil).not.toBeNull();
    await updateUser(admin, user.id, { password: "a brand new password" });
    expect(await verifyCredentials({ email: user.email, password: PASSWORD })).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: "a brand new password" })).not.toBeNull();
  });
});
