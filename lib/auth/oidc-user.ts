import { db } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import { roleFromClaims, type OidcConfig } from "./oidc";

// First SSO login creates the user with the role the claims map to; later logins keep the role an
// admin may have changed. Returns the user id, or null when the account is deactivated.
export async function upsertOidcUser(config: OidcConfig, claims: Record<string, unknown>): Promise<string | null> {
  const subject = String(claims.sub ?? "");
  const email = String(claims.email ?? "").trim().toLowerCase();
  if (!subject || !email) return null;
  const name = String(claims.name ?? claims.preferred_username ?? email);
  return db().$transaction(async (tx) => {
    const existing = await tx.user.findFirst({ where: { OR: [{ oidcSubject: subject }, { email }] } });
    if (existing) {
      if (!existing.active) return null;
      await tx.user.update({ where: { id: existing.id }, data: { oidcSubject: subject, lastLoginAt: new Date() } });
      return existing.id;
    }
    const role = roleFromClaims(config, claims);
    const user = await tx.user.create({ data: { email, name, role, oidcSubject: subject, lastLoginAt: new Date() } });
    await recordAudit(tx, { kind: "system", label: `sso:${config.issuer}` }, {
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      after: { email, name, role, via: "oidc" },
    });
    return user.id;
  });
}
