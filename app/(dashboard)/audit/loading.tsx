import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";

export default function AuditLoading() {
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what, when: people, agents and the system." />
      <LoadingRows columns={6} rows={10} label="Loading the audit log…" />
    </>
  );
}
