import { defineEvent } from "../events/define-event";

export const apiKeyRevoked = defineEvent<{ keyId: string; agentId: string | null }>("api_key.revoked");
