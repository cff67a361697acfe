import { ShieldCheck } from "lucide-react";
import { AgentTabEmpty } from "@/components/agents/agent-tab-empty";

export const metadata = { title: "Policies" };

export default function AgentPoliciesPage() {
  return (
    <AgentTabEmpty
      heading="Policies"
      icon={<ShieldCheck />}
      title="No policies yet"
      description={
        <>
          Policies that govern this agent appear here once an admin writes one (developers can propose them). The guard applies them
          to every <code className="font-mono text-xs">POST /api/v1/guard</code> check the agent makes before it acts.
        </>
      }
    />
  );
}
