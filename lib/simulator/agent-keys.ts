import { describeFailure, type AdminClient } from "./admin-client";

export const SIMULATOR_KEY_NAME = "demo-simulator";

// One fresh key per agent, named "demo-simulator". Keys are shown only once, so a restarted simulator
// cannot reuse its old ones: it revokes them first, leaving one live simulator key per agent.
export async function provisionAgentKeys(
  admin: AdminClient,
  agents: string[],
  log: (line: string) => void = () => {},
  keyName = SIMULATOR_KEY_NAME,
): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  for (const agent of agents) {
    const listed = await admin.request("GET", `/api/v1/agents/${encodeURIComponent(agent)}/keys`);
    if (listed.status === 404) {
      log(`agent ${agent} is not registered; its scenarios are skipped`);
      continue;
    }
    if (listed.status !== 200) throw new Error(`Listing keys of ${agent}: ${describeFailure(listed)}`);
    for (const key of (listed.body as { keys?: { id: string; name: string }[] }).keys ?? []) {
      if (key.name !== keyName) continue;
      const revoked = await admin.request("DELETE", `/api/v1/keys/${encodeURIComponent(key.id)}`);
      if (revoked.status !== 200) throw new Error(`Revoking key ${key.id} of ${agent}: ${describeFailure(revoked)}`);
    }
    const created = await admin.request("POST", `/api/v1/agents/${encodeURIComponent(agent)}/keys`, { name: keyName });
    if (created.status !== 201) throw new Error(`Creating a key for ${agent}: ${describeFailure(created)}`);
    keys[agent] = (created.body as { key: string }).key;
  }
  return keys;
}
