// PATCH /api/v1/users/{id} — change role, teams, name, password, or deactivate { active: false } (admins)
import { apiRoute } from "@/lib/http/route";
import { updateUser } from "@/lib/users/update-user";
import { updateUserSchema } from "@/lib/users/schemas";

export const PATCH = apiRoute({ auth: "user", body: updateUserSchema }, async ({ principal, params, body }) => ({
  user: await updateUser(principal, params.id, body),
}));
