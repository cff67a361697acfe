import { LoadingRows } from "@/components/ui/loading";

export default function AgentsLoading() {
  return <LoadingRows rows={8} columns={6} label="Loading agents…" />;
}
