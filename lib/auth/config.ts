import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { verifyCredentials } from "./verify-credentials";
import { authSecret } from "./secret";
import { oidcConfig, type OidcConfig } from "./oidc";
import { upsertOidcUser } from "./oidc-user";
import { loadSessionUser } from "./session-user";
import { clientAddress } from "./client-address";
import { revokeAuthSession, SESSION_MAX_AGE_SECONDS, startAuthSession } from "./auth-sessions";

// Self-hosted: without NEXTAUTH_URL, trust the Host header of the request (behind your own proxy).
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

const oidc = oidcConfig();

type CheckedTokens = { claims(): Record<string, unknown> };

function oidcProvider(config: OidcConfig): OAuthConfig<Record<string, unknown>> {
  return {
    id: "oidc",
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: config.scopes } },
    // The ID token is checked (signature, issuer, audience), but many providers keep it thin and hand
    // email, name and groups out only at the userinfo endpoint (the spec's default for the code flow).
    // Both, with the ID token's word last, and never a userinfo answer about another subject.
    userinfo: {
      request: async ({ tokens, client }) => {
        // With idToken, next-auth hands over openid-client's checked TokenSet (typed as its fields).
        const idClaims = (tokens as unknown as CheckedTokens).claims();
        if (!client.issuer.metadata.userinfo_endpoint || !tokens.access_token) return idClaims;
        const userinfo = await client.userinfo(tokens.access_token);
        if (userinfo.sub !== idClaims.sub) throw new Error("The userinfo endpoint answered about another subject");
        return { ...userinfo, ...idClaims };
      },
    },
    profile: (profile) => ({
      id: String(profile.sub),
      email: String(profile.email ?? ""),
      name: String(profile.name ?? profile.email ?? ""),
    }),
  };
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Sign-in errors (throttled, locked, SSO refusals) come back to the login page as ?error=….
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      // null is a wrong email or password; a thrown error's message reaches the login page as ?error=.
      authorize: async (credentials, request) => {
        const result = await verifyCredentials(credentials, clientAddress(request?.headers));
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
        if (result.reason === "invalid") return null;
        throw new Error(result.reason);
      },
    }),
    ...(oidc ? [oidcProvider(oidc)] : []),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc" || !oidc) return true;
      const result = await upsertOidcUser(oidc, (profile ?? {}) as Record<string, unknown>);
      // A path: next-auth sends the browser there, and the login page says why.
      if (!result.ok) return `/login?error=${result.reason}`;
      (account as { controlRoomUserId?: string }).controlRoomUserId = result.userId;
      return true;
    },
    // The token carries the user id and its session's id. Every read of the session (each request)
    // checks that session's row and reloads role and teams: a revoked session, or a deactivated user,
    // is signed out at once.
    async jwt({ token, user, account }) {
      const signedInUserId = (account as { controlRoomUserId?: string } | null)?.controlRoomUserId ?? (user ? user.id : undefined);
      if (signedInUserId) {
        token.uid = signedInUserId;
        token.sid = await startAuthSession(signedInUserId);
      }
      const current = await loadSessionUser(token.sid, token.uid);
      if (!current) return { ...token, uid: undefined, sid: undefined, role: undefined, teams: [] };
      token.role = current.role;
      token.teams = current.teams;
      token.name = current.name;
      token.email = current.email;
      return token;
    },
    async session({ session, token }) {
      // Signed out (revoked, expired, deactivated): an empty session, as next-auth answers with no cookie.
      if (!token.uid) return {} as typeof session;
      session.user = {
        id: String(token.uid),
        name: token.name ?? "",
        email: token.email ?? "",
        role: String(token.role ?? "viewer"),
        teams: (token.teams as { id: string; name: string }[] | undefined) ?? [],
      };
      return session;
    },
  },
  events: {
    // Sign-out ends the session on the server too: the token's row is revoked.
    async signOut({ token }) {
      await revokeAuthSession(token?.sid);
    },
  },
};
