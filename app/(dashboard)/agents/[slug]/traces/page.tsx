import { Activity } from "lucide-react";
import { AgentTabEmpty } from "@/components/agents/agent-tab-empty";

export const metadata = { title: "Traces" };

export default function AgentTracesPage() {
  return (
    <AgentTabEmpty
      heading="Traces"
      icon={<Activity />}
      title="No traces yet"
      description={
        <>
          Traces appear here when this agent sends OpenTelemetry spans to <code className="font-mono text-xs">/api/otlp/v1/traces</code>{" "}
          with its API key (OpenTelemetry GenAI, OpenInference and Vercel AI SDK attributes are understood).
        </>
      }
    />
  );
}
