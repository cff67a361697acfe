import { LoadingRows } from "@/components/ui/loading";

export default function TraceLoading() {
  return <LoadingRows rows={12} columns={3} label="Loading trace…" />;
}
