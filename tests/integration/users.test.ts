import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "../../lib/db/client";
import { createUser } from "../../lib/users/create-user";
import { updateUser } from "../../lib/users/update-user";
import { listUsers } from "../../lib/users/list-users";
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

