import { apiRoute } from "@/lib/http/route";
import { userRoutes } from "@/lib/users/routes";
import { listUsers } from "@/lib/users/list-users";
import { createUser } from "@/lib/users/create-user";

// GET /api/v1/users — every user with role and teams (admins)
export const GET = apiRoute(userRoutes.list, async ({ principal }) => ({ users: await listUsers(principal) }));

// POST /api/v1/users — create a user { email, name, role, teamIds, password } (admins)
export const POST = apiRoute(userRoutes.create, async ({ principal, body }) => ({
  user: await createUser(principal, body),
}));
