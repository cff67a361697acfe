import { describe, expect, it } from "vitest";
import { oidcConfig, roleFromClaims, type OidcConfig } from "./oidc";

const base = { OIDC_ISSUER: "https://login.example.com/", OIDC_CLIENT_ID: "control-room", OIDC_CLIENT_SECRET: "s3cret" };

describe("oidcConfig", () => {
  it("is off unless issuer, client id and client secret are all set", () => {
    expect(oidcConfig({})).toBeNull();
    expect(oidcConfig({ ...base, OIDC_CLIENT_SECRET: undefined })).toBeNull();
    expect(oidcConfig({ ...base, OIDC_CLIENT_ID: "  " })).toBeNull();
    expect(oidcConfig({ ...base, OIDC_ISSUER: "" })).toBeNull();
  });

  it("reads defaults: button label, groups claim, viewer role, trailing slash trimmed", () => {
    expect(oidcConfig(base)).toEqual({
      issuer: "https://login.example.com",
      clientId: "control-room",
      clientSecret: "s3cret",
      name: "Single sign-on",
      roleClaim: "groups",
      roleMap: {},
      defaultRole: "viewer",
      scopes: "openid email profile",
    });
  });

  it("asks for the scopes of OIDC_SCOPES, always with openid", () => {
    expect(oidcConfig({ ...base, OIDC_SCOPES: "openid email profile groups" })?.scopes).toBe("openid email profile groups");
    expect(oidcConfig({ ...base, OIDC_SCOPES: " email, groups " })?.scopes).toBe("openid email groups");
    expect(oidcConfig({ ...base, OIDC_SCOPES: "  " })?.scopes).toBe("openid email profile");
  });

  it("reads the label, claim, role map and default role, skipping malformed or unknown mappings", () => {
    const config = oidcConfig({
      ...base,
      OIDC_NAME: "Okta",
      OIDC_ROLE_CLAIM: "roles",
      OIDC_ROLE_MAP: " cr-admins = admin ,cr-reviewers=reviewer,,broken,cr-gods=superuser,=admin",
      OIDC_DEFAULT_ROLE: "operator",
    });
    expect(config).toMatchObject({
      name: "Okta",
      roleClaim: "roles",
      roleMap: { "cr-admins": "admin", "cr-reviewers": "reviewer" },
      defaultRole: "operator",
    });
    expect(Object.keys(config!.roleMap)).toHaveLength(2);
  });

  it("falls back to viewer for an unknown default role", () => {
    expect(oidcConfig({ ...base, OIDC_DEFAULT_ROLE: "root" })?.defaultRole).toBe("viewer");
  });
});

describe("roleFromClaims", () => {
  const config: OidcConfig = {
    ...oidcConfig(base)!,
    roleMap: { "cr-viewers": "viewer", "cr-ops": "operator", "cr-devs": "developer", "cr-reviewers": "reviewer", "cr-admins": "admin" },
  };

  it("maps a group to its role", () => {
    expect(roleFromClaims(config, { groups: ["cr-devs"] })).toBe("developer");
  });

  it("takes the strongest role when several groups match, whatever their order", () => {
    expect(roleFromClaims(config, { groups: ["cr-ops", "cr-reviewers", "cr-devs"] })).toBe("reviewer");
    expect(roleFromClaims(config, { groups: ["cr-admins", "cr-viewers"] })).toBe("admin");
    expect(roleFromClaims(config, { groups: ["cr-viewers", "cr-admins"] })).toBe("admin");
  });

  it("accepts a space- or comma-separated string claim", () => {
    expect(roleFromClaims(config, { groups: "staff cr-ops" })).toBe("operator");
    expect(roleFromClaims(config, { groups: "staff,cr-devs" })).toBe("developer");
  });

  it("uses the default role when nothing maps or the claim is missing or odd", () => {
    expect(roleFromClaims(config, { groups: ["staff"] })).toBe("viewer");
    expect(roleFromClaims(config, {})).toBe("viewer");
    expect(roleFromClaims(config, { groups: 42 })).toBe("viewer");
    expect(roleFromClaims({ ...config, defaultRole: "operator" }, { groups: [] })).toBe("operator");
  });

  it("reads the configured claim, not groups", () => {
    const rolesClaim = { ...config, roleClaim: "roles" };
    expect(roleFromClaims(rolesClaim, { groups: ["cr-admins"], roles: ["cr-ops"] })).toBe("operator");
  });
});
