import { LoadingRows } from "@/components/ui/loading";

export default function VersionsLoading() {
  return <LoadingRows rows={6} columns={7} label="Loading versions…" />;
}
