import { db } from "../db/client";
import { assertCan, type Principal } from "../auth/principal";
import { toUserView, userInclude } from "./user-view";

export async function listUsers(principal: Principal) {
  assertCan(principal, "users:read");
  const users = await db().user.findMany({ include: userInclude, orderBy: [{ active: "desc" }, { email: "asc" }] });
  return users.map(toUserView);
}
