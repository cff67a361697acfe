import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./config";
import { sessionUserOf, toUserPrincipal } from "./session-user";
import { permissionsOf } from "./permissions";
import type { UserPrincipal } from "./principal";

// The signed-in user for this request (read once per request), or null. next-auth's jwt callback has
// just checked the session's row and loaded the user from the database (lib/auth/config.ts).
export const getSessionUser = cache(async () => sessionUserOf((await getServerSession(authOptions))?.user));

export async function getPrincipal(): Promise<UserPrincipal | null> {
  const user = await getSessionUser();
  return user ? toUserPrincipal(user, "session") : null;
}

// For pages: the principal, or a redirect to the login page.
export async function requirePrincipal(): Promise<UserPrincipal> {
  const principal = await getPrincipal();
  if (!principal) redirect("/login");
  return principal;
}

export const permissionsFor = (principal: UserPrincipal) => permissionsOf(principal.role);
