import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "./verify-credentials";
import { authSecret } from "./secret";
import { oidcConfig } from "./oidc";
import { upsertOidcUser } from "./oidc-user";
import { loadSessionUser } from "./session-user";
import { clientAddress } from "./client-address";
import { revokeAuthSession, SESSION_MAX_AGE_SECONDS, startAuthSession } from "./auth-sessions";

// Self-hosted: without NEXTAUTH_URL, trust the Host header of the request (behind your own proxy).
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

const oidc = oidcConfig();

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
    ...(oidc
      ? [
          {
            id: "oidc",
            name: oidc.name,
            type: "oauth" as const,
            wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
            clientId: oidc.clientId,
            clientSecret: oidc.clientSecret,
            idToken: true,
            checks: ["pkce" as const, "state" as const],
            authorization: { params: { scope: "openid email profile" } },
            profile: (profile: Record<string, unknown>) => ({
              id: String(profile.sub),
              email: String(profile.email ?? ""),
              name: String(profile.name ?? profile.email ?? ""),
            }),
          },
        ]
      : []),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc" || !oidc) return true;
      const userId = await upsertOidcUser(oidc, (profile ?? {}) as Record<string, unknown>);
      if (!userId) return false;
      (account as { controlRoomUserId?: string }).controlRoomUserId = userId;
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
