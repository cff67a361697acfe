import { createHmac } from "node:crypto";
import type { AlertView } from "../alerts/alert-view";

// A receiver gets at most this much; an alert whose details would exceed it is sent without them.
export const MAX_BODY_BYTES = 32 * 1024;

// Slack-compatible (text for notifications, blocks for the message) plus the event and the alert as
// the API shows it, so any receiver can act on it without another call.
export function deliveryBody(event: string, alert: AlertView): string {
  const agent = alert.agent ? ` (${alert.agent.slug})` : "";
  const text = `[${alert.severity.toUpperCase()}] ${alert.title}${agent}`;
  const facts = [
    `*Severity*\n${alert.severity}`,
    `*Kind*\n${alert.kind}`,
    ...(alert.agent ? [`*Agent*\n${alert.agent.slug}`] : []),
    ...(alert.metric ? [`*Metric*\n${alert.metric}`] : []),
  ];
  const opened = new Date(alert.openedAt).toISOString();
  const body = {
    text,
    blocks: [
      { type: "header", text: { type: "plain_text", text: alert.title.slice(0, 150) } },
      { type: "section", fields: facts.map((fact) => ({ type: "mrkdwn", text: fact })) },
      { type: "context", elements: [{ type: "mrkdwn", text: `Control Room · ${event} · opened ${opened}` }] },
    ],
    event,
    alert,
  };
  const json = JSON.stringify(body);
  return Buffer.byteLength(json) <= MAX_BODY_BYTES ? json : JSON.stringify({ ...body, alert: { ...alert, details: null } });
}

// The header value a receiver recomputes with its copy of the secret.
export const signatureOf = (body: string, secret: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
