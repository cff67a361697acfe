import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";

export default function IncidentsLoading() {
  return (
    <>
      <PageHeader title="Incidents" />
      <LoadingRows rows={5} columns={6} label="Loading incidents…" />
    </>
  );
}
