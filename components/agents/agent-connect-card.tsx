import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

const endpoints = [
  { what: "Traces (OpenTelemetry)", how: "POST /api/otlp/v1/traces", note: "or set OTEL_EXPORTER_OTLP_ENDPOINT=<this server>/api/otlp" },
  { what: "Guard check before acting", how: "POST /api/v1/guard", note: "answers allow, deny or hold" },
  { what: "The version to run", how: "GET /api/v1/agents/self/config", note: "sticky per session during a canary" },
];

// How an agent talks to Control Room: the stable agent-facing contract, not data about this agent.
export function AgentConnectCard() {
  return (
    <Card aria-labelledby="agent-connect-title">
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle id="agent-connect-title">Connect this agent</CardTitle>
          <CardDescription>Every call carries Authorization: Bearer &lt;agent API key&gt;.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <dl className="flex flex-col gap-2.5">
          {endpoints.map((endpoint) => (
            <div key={endpoint.how} className="flex flex-col gap-0.5">
              <dt className="text-xs font-medium text-fg-muted">{endpoint.what}</dt>
              <dd className="text-sm">
                <code className="font-mono text-xs text-fg">{endpoint.how}</code>
                <span className="text-xs text-fg-muted"> — {endpoint.note}</span>
              </dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
