import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";

export default function KeysLoading() {
  return (
    <>
      <PageHeader title="API keys" description="Agents authenticate with agent keys; admin keys use the management API as their admin." />
      <LoadingRows columns={7} label="Loading API keys…" />
    </>
  );
}
