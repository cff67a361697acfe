import { db } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import { roleFromClaims, type OidcConfig } from "./oidc";

// Why an SSO sign-in is refused; each is a message on the login page (?error=…).
export type OidcRefusal = "deactivated" | "SsoNoEmail" | "SsoEmailUnverified" | "SsoAccountConflict";
export type OidcSignIn = { ok: true; userId: string } | { ok: false; reason: OidcRefusal };

// First SSO login creates the user with the role the claims map to; later logins keep the role an
// admin may have changed. The provider's subject identifies the person: an existing account is taken
// over by email only once, when it has no SSO identity yet and the provider does not say the email is
// unverified — otherwise anyone who can set that email at the provider would become that user.
export async function upsertOidcUser(config: OidcConfig, claims: Record<string, unknown>): Promise<OidcSignIn> {
  const subject = String(claims.sub ?? "");
  const email = String(claims.email ?? "").trim().toLowerCase();
  if (!subject || !email) return { ok: false, reason: "SsoNoEmail" };
  const name = String(claims.name ?? claims.preferred_username ?? email);
  const actor = { kind: "system" as const, label: `sso:${config.issuer}` };
  return db().$transaction(async (tx): Promise<OidcSignIn> => {
    const known = await tx.user.findUnique({ where: { oidcSubject: subject } });
    if (known) {
      if (!known.active) return { ok: false, reason: "deactivated" };
      await tx.user.update({ where: { id: known.id }, data: { lastLoginAt: new Date() } });
      return { ok: true, userId: known.id };
    }
    const sameEmail = await tx.user.findUnique({ where: { email } });
    if (sameEmail) {
      if (sameEmail.oidcSubject) return { ok: false, reason: "SsoAccountConflict" };
      if (claims.email_verified === false) return { ok: false, reason: "SsoEmailUnverified" };
      if (!sameEmail.active) return { ok: false, reason: "deactivated" };
      await tx.user.update({ where: { id: sameEmail.id }, data: { oidcSubject: subject, lastLoginAt: new Date() } });
      await recordAudit(tx, actor, { action: "user.sso-link", targetType: "user", targetId: sameEmail.id, after: { email, via: "oidc" } });
      return { ok: true, userId: sameEmail.id };
    }
    const role = roleFromClaims(config, claims);
    const user = await tx.user.create({ data: { email, name, role, oidcSubject: subject, lastLoginAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      after: { email, name, role, via: "oidc" },
    });
    return { ok: true, userId: user.id };
  });
}
