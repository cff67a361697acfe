import { z } from "../zod";
import { timestamp } from "../http/schemas";
import { roles } from "../auth/roles";

export const passwordSchema = z.string().min(10, "At least 10 characters").max(200, "At most 200 characters");
const emailSchema = z.string().trim().toLowerCase().email("Not an email address").max(254);

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Required").max(120, "At most 120 characters"),
  role: z.enum(roles, { message: "Choose a role" }),
  teamIds: z.array(z.string().uuid()).default([]),
  password: passwordSchema,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z.object({
  name: z.string().trim().min(1, "Required").max(120, "At most 120 characters").optional(),
  role: z.enum(roles, { message: "Choose a role" }).optional(),
  teamIds: z.array(z.string().uuid()).optional(),
  active: z.boolean().optional(),
  password: passwordSchema.optional(),
});
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const firstAdminSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Required").max(120, "At most 120 characters"),
  password: passwordSchema,
});

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

// Responses: a user without secrets.
export const userViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  active: z.boolean(),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  lastLoginAt: timestamp.nullable(),
  createdAt: timestamp,
});
export const userListResponseSchema = z.object({ users: z.array(userViewSchema) });
export const userResponseSchema = z.object({ user: userViewSchema });
