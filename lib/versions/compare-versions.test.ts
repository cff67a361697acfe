import { describe, expect, it } from "vitest";
import { describeChanges, promptDiff } from "./compare-versions";
import type { VersionBundle } from "./version-view";

const bundle = (change: Partial<VersionBundle>): VersionBundle => ({
  id: "id",
  label: "v1",
  stage: "development",
  trafficPercent: 0,
  ungated: false,
  model: "gpt-4o",
  createdAt: new Date(0),
  createdBy: "dev@demo.local",
  message: "m",
  stageChangedAt: new Date(0),
  prompt: "You review claims.\nApprove when covered.\nBe brief.",
  params: { temperature: 0.2, max_tokens: 800 },
  knowledgeBase: { id: "claims-guidelines", version: "2025-11" },
  tools: [{ name: "claims.lookup" }, { name: "claims.decide", config: { limit: 5000 } }],
  policyVersion: "agent@3",
  ...change,
});

describe("describeChanges", () => {
  it("reports nothing between equal bundles, whatever the key order", () => {
    const changes = describeChanges(bundle({}), bundle({ params: { max_tokens: 800, temperature: 0.2 } }));
    expect(changes).toMatchObject({ model: null, params: [], knowledgeBase: null, tools: [], policyVersion: null });
    expect(changes.prompt.every((line) => line.kind === "same")).toBe(true);
  });

  it("calls out the model, parameter, knowledge-base, tool and policy changes", () => {
    const head = bundle({
      model: "gpt-4.1",
      params: { temperature: 0.4, top_p: 0.9 },
      knowledgeBase: { id: "claims-guidelines", version: "2026-03" },
      tools: [{ name: "claims.decide", config: { limit: 10000 } }, { name: "fraud.score" }],
      policyVersion: "agent@4",
    });
    const changes = describeChanges(bundle({}), head);
    expect(changes.model).toEqual({ from: "gpt-4o", to: "gpt-4.1" });
    expect(changes.params).toEqual([
      { key: "max_tokens", from: 800, to: null, change: "removed" },
      { key: "temperature", from: 0.2, to: 0.4, change: "changed" },
      { key: "top_p", from: null, to: 0.9, change: "added" },
    ]);
    expect(changes.knowledgeBase?.to).toEqual({ id: "claims-guidelines", version: "2026-03" });
    expect(changes.tools.map((tool) => `${tool.change} ${tool.key}`)).toEqual(["changed claims.decide", "removed claims.lookup", "added fraud.score"]);
    expect(changes.policyVersion).toEqual({ from: "agent@3", to: "agent@4" });
  });
});

describe("promptDiff", () => {
  it("marks removed and added lines and keeps the rest", () => {
    expect(promptDiff("a\nb\nc", "a\nB\nc\nd")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "added", text: "B" },
      { kind: "same", text: "c" },
      { kind: "added", text: "d" },
    ]);
  });
});
