import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AlertView } from "../alerts/alert-view";
import { deliveryBody, MAX_BODY_BYTES, signatureOf } from "./delivery-body";

const alert: AlertView = {
  id: "a1",
  kind: "drift",
  severity: "critical",
  agent: { slug: "claims-agent" },
  title: "Approval rate drifted",
  metric: "outcome_rate:approved",
  baselineValue: 0.85,
  currentValue: 0.91,
  statistic: 4.2,
  changePointAt: null,
  changesNear: [],
  details: { note: "small" },
  status: "open",
  openedAt: "2026-12-06T08:00:00.000Z",
  acknowledgedBy: null,
  acknowledgedAt: null,
  acknowledgeNote: null,
  resolvedBy: null,
  resolvedAt: null,
  resolveNote: null,
  incidentId: null,
};

describe("deliveryBody", () => {
  it("is Slack-compatible (text, blocks) and carries the event and the alert", () => {
    const body = JSON.parse(deliveryBody("alert.raised", alert));
    expect(body.text).toBe("[CRITICAL] Approval rate drifted (claims-agent)");
    expect(body.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Approval rate drifted" } });
    expect(body.blocks[1].fields).toContainEqual({ type: "mrkdwn", text: "*Metric*\noutcome_rate:approved" });
    expect(body).toMatchObject({ event: "alert.raised", alert: { id: "a1", details: { note: "small" } } });
  });

  it("drops the alert's details rather than send more than the bound", () => {
    const big = { ...alert, details: { blob: "x".repeat(MAX_BODY_BYTES) } };
    const body = deliveryBody("alert.raised", big);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(JSON.parse(body).alert).toMatchObject({ id: "a1", details: null });
  });
});

describe("signatureOf", () => {
  it("is sha256= and the hex HMAC of the exact body", () => {
    const body = deliveryBody("alert.raised", alert);
    expect(signatureOf(body, "k".repeat(16))).toBe(`sha256=${createHmac("sha256", "k".repeat(16)).update(body).digest("hex")}`);
    expect(signatureOf(`${body} `, "k".repeat(16))).not.toBe(signatureOf(body, "k".repeat(16)));
  });
});
