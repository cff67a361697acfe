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
    role?: string;
    teams?: { id: string; name: string }[];
    refreshedAt?: number;
  }
}
