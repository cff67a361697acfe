import { apiRoute } from "@/lib/http/route";
import { listUsers } from "@/lib/users/list-users";
import { createUser } from "@/lib/users/create-user";
import { createUserSchema } from "@/lib/users/schemas";

// GET /api/v1/users — every user with role and teams (admins)
export const GET = apiRoute({ auth: "user" }, async ({ principal }) => ({ users: await listUsers(principal) }));

// POST /api/v1/users — create a user { email, name, role, teamIds, password } (admins)
export const POST = apiRoute({ auth: "user", body: createUserSchema, status: 201 }, async ({ principal, body }) => ({
  user: await createUser(principal, body),
}));
