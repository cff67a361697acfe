import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./config";
import { loadSessionUser, toUserPrincipal } from "./session-user";
import { permissionsOf } from "./permissions";
import type { UserPrincipal } from "./principal";

// The signed-in user for this request (read once per request), or null.
export const getSessionUser = cache(async () => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) return null;
  return loadSessionUser(userId);
});

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
