import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";

export default function TeamsLoading() {
  return (
    <>
      <PageHeader title="Teams" description="Agents belong to one team; everyone but admins acts only on their teams' agents." />
      <LoadingRows columns={4} label="Loading teams…" />
    </>
  );
}
