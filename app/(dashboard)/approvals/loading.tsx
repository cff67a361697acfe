import { LoadingRows } from "@/components/ui/loading";

export default function ApprovalsLoading() {
  return <LoadingRows rows={6} columns={7} label="Loading the approval queue…" />;
}
