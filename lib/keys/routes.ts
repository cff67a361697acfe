import { declareRoute } from "../http/route-declaration";
import { createdKeyResponseSchema, createKeySchema, keyListResponseSchema, listKeysQuerySchema, revokedKeyResponseSchema } from "./schemas";

// What the API key routes take and give (app/api/v1/keys/**, app/api/v1/agents/{slug}/keys).
export const keyRoutes = {
  listOfAgent: declareRoute({
    method: "GET",
    path: "/api/v1/agents/{slug}/keys",
    summary: "The agent's active keys, without secrets",
    auth: "user",
    permission: "keys:read",
    response: keyListResponseSchema,
  }),
  createForAgent: declareRoute({
    method: "POST",
    path: "/api/v1/agents/{slug}/keys",
    summary: "Create an agent key; the secret is in this answer only",
    auth: "user",
    permission: "keys:manage",
    body: createKeySchema,
    response: createdKeyResponseSchema,
    status: 201,
  }),
  list: declareRoute({
    method: "GET",
    path: "/api/v1/keys",
    summary: "All API keys, without secrets",
    auth: "user",
    permission: "keys:read",
    query: listKeysQuerySchema,
    response: keyListResponseSchema,
  }),
  createAdmin: declareRoute({
    method: "POST",
    path: "/api/v1/keys",
    summary: "Create an admin key for the management API; the secret is in this answer only",
    auth: "user",
    permission: "keys:manage",
    body: createKeySchema,
    response: createdKeyResponseSchema,
    status: 201,
  }),
  revoke: declareRoute({
    method: "DELETE",
    path: "/api/v1/keys/{id}",
    summary: "Revoke a key: it stops authenticating at once",
    auth: "user",
    permission: "keys:manage",
    response: revokedKeyResponseSchema,
  }),
};
