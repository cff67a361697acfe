import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name: string; email: string; role: string; teams: { id: string; name: string }[] };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    // The sign-in's row in auth_sessions (lib/auth/auth-sessions.ts).
    sid?: string;
    role?: string;
    teams?: { id: string; name: string }[];
  }
}
