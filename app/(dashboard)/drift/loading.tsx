import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";

export default function DriftLoading() {
  return (
    <>
      <PageHeader title="Drift" />
      <LoadingRows rows={4} columns={4} label="Loading drift monitors…" />
    </>
  );
}
