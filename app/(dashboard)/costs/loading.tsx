import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";

export default function CostsLoading() {
  return (
    <>
      <PageHeader title="Costs" description="What your teams' agents spend, per agent, workflow and department, priced from the model price table." />
      <LoadingRows rows={8} columns={4} label="Loading costs…" />
    </>
  );
}
