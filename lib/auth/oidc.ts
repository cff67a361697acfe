import { isRole, type Role } from "./roles";

// Optional single sign-on, configured only by environment variables:
//   OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET   (all three turn it on)
//   OIDC_NAME            button label (default "Single sign-on")
//   OIDC_ROLE_CLAIM      claim holding groups/roles (default "groups")
//   OIDC_ROLE_MAP        "group=role,group=role" (e.g. "cr-admins=admin,cr-reviewers=reviewer")
//   OIDC_DEFAULT_ROLE    role when no mapping matches (default "viewer")
//   OIDC_SCOPES          scopes asked for (default "openid email profile"; add "groups" for providers
//                        such as Dex, Okta or Authentik that release the groups claim only for that scope)
export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  roleClaim: string;
  roleMap: Record<string, Role>;
  defaultRole: Role;
  scopes: string;
};

export function oidcConfig(env: Record<string, string | undefined> = process.env): OidcConfig | null {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  const roleMap: Record<string, Role> = {};
  for (const pair of (env.OIDC_ROLE_MAP ?? "").split(",")) {
    const [group, role] = pair.split("=").map((part) => part?.trim());
    if (group && isRole(role)) roleMap[group] = role;
  }
  const defaultRole = isRole(env.OIDC_DEFAULT_ROLE) ? env.OIDC_DEFAULT_ROLE : "viewer";
  // "openid" always: without it the provider answers with plain OAuth, no ID token to check.
  const scopes = new Set(["openid", ...(env.OIDC_SCOPES?.trim() || "email profile").split(/[\s,]+/).filter(Boolean)]);
  return {
    issuer: issuer.replace(/\/$/, ""),
    clientId,
    clientSecret,
    name: env.OIDC_NAME?.trim() || "Single sign-on",
    roleClaim: env.OIDC_ROLE_CLAIM?.trim() || "groups",
    roleMap,
    defaultRole,
    scopes: [...scopes].join(" "),
  };
}

const strength: Role[] = ["viewer", "operator", "developer", "reviewer", "admin"];

// The strongest role any of the user's groups maps to, else the default.
export function roleFromClaims(config: OidcConfig, claims: Record<string, unknown>): Role {
  const raw = claims[config.roleClaim];
  const groups = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? raw.split(/[\s,]+/) : [];
  const mapped = groups.map((group) => config.roleMap[group]).filter((role): role is Role => Boolean(role));
  if (!mapped.length) return config.defaultRole;
  return mapped.reduce((best, role) => (strength.indexOf(role) > strength.indexOf(best) ? role : best));
}
