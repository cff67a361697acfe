import { GitBranch } from "lucide-react";
import { AgentTabEmpty } from "@/components/agents/agent-tab-empty";

export const metadata = { title: "Versions" };

export default function AgentVersionsPage() {
  return (
    <AgentTabEmpty
      heading="Versions"
      icon={<GitBranch />}
      title="No versions yet"
      description={
        <>
          Versions (prompt, model, knowledge base, tools, policy) appear here when a developer creates one. The agent fetches the
          version it must run from <code className="font-mono text-xs">GET /api/v1/agents/self/config</code>.
        </>
      }
    />
  );
}
