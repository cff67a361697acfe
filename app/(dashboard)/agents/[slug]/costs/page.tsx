import { CircleDollarSign } from "lucide-react";
import { AgentTabEmpty } from "@/components/agents/agent-tab-empty";

export const metadata = { title: "Costs" };

export default function AgentCostsPage() {
  return (
    <AgentTabEmpty
      heading="Costs"
      icon={<CircleDollarSign />}
      title="No costs yet"
      description={
        <>
          Costs appear here when this agent&apos;s traces report model usage (input and output tokens), priced with the price table and
          attributed to its team.
        </>
      }
    />
  );
}
