import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";

export default function AlertsLoading() {
  return (
    <>
      <PageHeader title="Alerts" />
      <LoadingRows rows={5} columns={6} label="Loading alerts…" />
    </>
  );
}
