import { LoadingRows } from "@/components/ui/loading";

export default function TracesLoading() {
  return <LoadingRows rows={10} columns={8} label="Loading traces…" />;
}
