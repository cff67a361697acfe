import { declareRoute } from "../http/route-declaration";
import { createUserSchema, updateUserSchema, userListResponseSchema, userResponseSchema } from "./schemas";

// What the user routes take and give (app/api/v1/users/**).
export const userRoutes = {
  list: declareRoute({ method: "GET", path: "/api/v1/users", summary: "Every user with role and teams", auth: "user", permission: "users:read", response: userListResponseSchema }),
  create: declareRoute({ method: "POST", path: "/api/v1/users", summary: "Create a user", auth: "user", permission: "users:manage", body: createUserSchema, response: userResponseSchema, status: 201 }),
  update: declareRoute({
    method: "PATCH",
    path: "/api/v1/users/{id}",
    summary: "Change role, teams, name, password, or deactivate ({ active: false })",
    auth: "user",
    permission: "users:manage",
    body: updateUserSchema,
    response: userResponseSchema,
  }),
};
