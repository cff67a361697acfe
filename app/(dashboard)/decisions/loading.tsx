import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";

export default function DecisionsLoading() {
  return (
    <>
      <PageHeader title="Guard decisions" description="Every answer the guard gave an agent, newest first: what it asked, the verdict, why, and the trace it gated." />
      <LoadingRows columns={7} rows={10} label="Loading guard decisions…" />
    </>
  );
}
