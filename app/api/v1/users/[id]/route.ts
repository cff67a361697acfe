// PATCH /api/v1/users/{id} — change role, teams, name, password, or deactivate { active: false } (admins)
import { apiRoute } from "@/lib/http/route";
import { userRoutes } from "@/lib/users/routes";
import { updateUser } from "@/lib/users/update-user";

export const PATCH = apiRoute(userRoutes.update, async ({ principal, params, body }) => ({
  user: await updateUser(principal, params.id, body),
}));
