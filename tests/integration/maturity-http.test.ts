import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createAdminKey } from "../../lib/keys/create-key";
import { maturityRoutes } from "../../lib/maturity/routes";
import { GET as agentMaturityGet } from "../../app/api/v1/agents/[slug]/maturity/route";
import { GET as fleetMaturityGet } from "../../app/api/v1/maturity/route";
import { makeAgent, makeTeam, makeUser } from "./helpers";

// The maturity routes through their handlers: the contract's shape, 404 for an unknown agent, 401 with an unknown key.

let adminKey: string;
let agentSlug: string;

beforeAll(async () => {
  const team = await makeTeam("maturity-http");
  const admin = await makeUser("admin", []);
  agentSlug = (await makeAgent(team)).slug;
  ({ key: adminKey } = await createAdminKey(admin, { name: "maturity-http" }));
});

const request = (path: string, key = adminKey) => new NextRequest(`http://localhost${path}`, { headers: { Authorization: `Bearer ${key}` } });

describe("maturity routes", () => {
  it("answers an agent's level and criteria as declared", async () => {
    const response = await agentMaturityGet(request(`/api/v1/agents/${agentSlug}/maturity`), { params: Promise.resolve({ slug: agentSlug }) });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(maturityRoutes.agent.response!.safeParse(body).success).toBe(true);
    expect(body.level).toBe(0);
    expect(body.criteria[1]).toEqual({ id: "traced", level: 1, met: false, detail: expect.stringMatching(/^No live traces yet/) });
  });

  it("answers 404 for an unknown agent and 401 with an unknown key", async () => {
    const missing = await agentMaturityGet(request("/api/v1/agents/no-such-agent/maturity"), { params: Promise.resolve({ slug: "no-such-agent" }) });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
    const unknownKey = await fleetMaturityGet(request("/api/v1/maturity", "not-a-real-key"), { params: Promise.resolve({}) });
    expect(unknownKey.status).toBe(401);
  });

  it("answers the fleet as declared", async () => {
    const response = await fleetMaturityGet(request("/api/v1/maturity"), { params: Promise.resolve({}) });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(maturityRoutes.fleet.response!.safeParse(body).success).toBe(true);
    expect(body.agents.some((agent: { slug: string }) => agent.slug === agentSlug)).toBe(true);
    expect(body.distribution).toHaveLength(5);
  });
});
