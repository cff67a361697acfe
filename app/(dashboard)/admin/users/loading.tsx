import { LoadingRows } from "@/components/ui/loading";
import { PageHeader } from "@/components/ui/page-header";

export default function UsersLoading() {
  return (
    <>
      <PageHeader title="Users" description="Who can sign in, with which role, on which teams." />
      <LoadingRows columns={6} label="Loading users…" />
    </>
  );
}
