// GET/POST /api/auth/* — next-auth: csrf, credentials and SSO sign-in, session, sign-out
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/config";

const handler = NextAuth(authOptions);
export { handler as GET, handler as POST };
