import { TrendingUp } from "lucide-react";
import { AgentTabEmpty } from "@/components/agents/agent-tab-empty";

export const metadata = { title: "Drift" };

export default function AgentDriftPage() {
  return (
    <AgentTabEmpty
      heading="Drift"
      icon={<TrendingUp />}
      title="No drift data yet"
      description={
        <>
          Drift appears here once this agent has sent enough traces to set a baseline; its behaviour is then compared with that
          baseline and changes are flagged.
        </>
      }
    />
  );
}
