import { LoadingRows } from "@/components/ui/loading";

export default function SessionLoading() {
  return <LoadingRows rows={8} columns={2} label="Loading session…" />;
}
