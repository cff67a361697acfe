import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { oidcConfig } from "../../lib/auth/oidc";
import { upsertOidcUser } from "../../lib/auth/oidc-user";
import { updateUser } from "../../lib/users/update-user";
import { auditOf, system, unique } from "./helpers";

const config = oidcConfig({
  OIDC_ISSUER: "https://sso.example.com",
  OIDC_CLIENT_ID: "control-room",
  OIDC_CLIENT_SECRET: "s3cret",
  OIDC_ROLE_MAP: "cr-admins=admin,cr-reviewers=reviewer",
  OIDC_DEFAULT_ROLE: "operator",
})!;

const person = (groups: string[] = []) => {
  const id = unique();
  return { sub: `sub-${id}`, email: `Person-${id}@SSO.example.com`, email_verified: true, name: `Person ${id}`, groups };
};

async function userIdOf(result: Awaited<ReturnType<typeof upsertOidcUser>>) {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.userId;
}

describe("upsertOidcUser", () => {
  it("creates the user on first login with the mapped role, and audits it", async () => {
    const claims = person(["everyone", "cr-reviewers"]);
    const user = await db().user.findUniqueOrThrow({ where: { id: await userIdOf(await upsertOidcUser(config, claims)) } });
    expect(user).toMatchObject({ email: claims.email.toLowerCase(), name: claims.name, role: "reviewer", oidcSubject: claims.sub, active: true });
    expect(user.lastLoginAt).not.toBeNull();
    const [entry] = await auditOf(user.id);
    expect(entry).toMatchObject({ action: "user.create" });
  });

  it("gives the default role when no group is mapped", async () => {
    const userId = await userIdOf(await upsertOidcUser(config, person(["contractors"])));
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("operator");
  });

  it("finds the same user by subject later, keeping the role an admin gave, even if the email changed", async () => {
    const claims = person(["cr-admins"]);
    const userId = await userIdOf(await upsertOidcUser(config, claims));
    await db().user.update({ where: { id: userId }, data: { role: "viewer" } });
    const again = await upsertOidcUser(config, { ...claims, email: `renamed-${unique()}@sso.example.com` });
    expect(again).toEqual({ ok: true, userId });
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("viewer");
  });

  it("refuses a deactivated user", async () => {
    const claims = person();
    const userId = await userIdOf(await upsertOidcUser(config, claims));
    await updateUser(system, userId, { active: false });
    expect(await upsertOidcUser(config, claims)).toEqual({ ok: false, reason: "deactivated" });
  });

  it("links an existing password account with the same verified email once, and audits the link", async () => {
    const email = `local-${unique()}@sso.example.com`;
    const local = await db().user.create({ data: { email, name: "Local", role: "developer" } });
    const claims = { ...person(["cr-admins"]), email };
    expect(await upsertOidcUser(config, claims)).toEqual({ ok: true, userId: local.id });
    const linked = await db().user.findUniqueOrThrow({ where: { id: local.id } });
    expect(linked).toMatchObject({ oidcSubject: claims.sub, role: "developer" });
    expect((await auditOf(local.id)).map((entry) => entry.action)).toContain("user.sso-link");
  });

  it("does not hand an account to another SSO identity that shows the same email", async () => {
    const first = person();
    const userId = await userIdOf(await upsertOidcUser(config, first));
    const impostor = { ...person(["cr-admins"]), email: first.email };
    expect(await upsertOidcUser(config, impostor)).toEqual({ ok: false, reason: "SsoAccountConflict" });
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).oidcSubject).toBe(first.sub);
  });

  it("does not link an existing account on an email the provider says is unverified", async () => {
    const email = `local-${unique()}@sso.example.com`;
    const local = await db().user.create({ data: { email, name: "Local", role: "admin" } });
    expect(await upsertOidcUser(config, { ...person(), email, email_verified: false })).toEqual({ ok: false, reason: "SsoEmailUnverified" });
    expect((await db().user.findUniqueOrThrow({ where: { id: local.id } })).oidcSubject).toBeNull();
  });

  it("refuses claims without a subject or an email", async () => {
    const { sub, email, ...rest } = person();
    expect(await upsertOidcUser(config, { ...rest, email })).toEqual({ ok: false, reason: "SsoNoEmail" });
    expect(await upsertOidcUser(config, { ...rest, sub })).toEqual({ ok: false, reason: "SsoNoEmail" });
  });
});
