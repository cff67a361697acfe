import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "./verify-credentials";
import { authSecret } from "./secret";
import { oidcConfig } from "./oidc";
import { upsertOidcUser } from "./oidc-user";
import { loadSessionUser } from "./session-user";

// Self-hosted: without NEXTAUTH_URL, trust the Host header of the request (behind your own proxy).
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

const oidc = oidcConfig();
const SESSION_REFRESH_MS = 60_000;

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials) => {
        const user = await verifyCredentials(credentials);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
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
    // The token carries the user id; role and teams are refreshed from the database every minute
    // (server-side checks always read the database, this only keeps the client's nav current).
    async jwt({ token, user, account }) {
      const userId = (account as { controlRoomUserId?: string } | null)?.controlRoomUserId ?? (user ? user.id : undefined);
      if (userId) token.uid = userId;
      const stale = !token.refreshedAt || Date.now() - Number(token.refreshedAt) > SESSION_REFRESH_MS;
      if (token.uid && (userId || stale)) {
        const current = await loadSessionUser(String(token.uid));
        if (!current) return { ...token, uid: undefined, role: undefined, teams: [] };
        token.role = current.role;
        token.teams = current.teams;
        token.name = current.name;
        token.email = current.email;
        token.refreshedAt = Date.now();
      }
      return token;
    },
    async session({ session, token }) {
      if (!token.uid) return { ...session, user: undefined };
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
};
