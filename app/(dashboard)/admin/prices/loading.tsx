import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";

export default function PricesLoading() {
  return (
    <>
      <PageHeader title="Model prices" />
      <LoadingRows columns={6} label="Loading prices…" />
    </>
  );
}
