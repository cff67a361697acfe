import { NotFoundHere } from "@/components/traces/unavailable";

export const metadata = { title: "Trace not found" };

export default function TraceNotFound() {
  return (
    <NotFoundHere
      heading="Trace unavailable"
      title="Trace not found"
      message="No trace you can see has this id. Its spans may not have arrived yet (reload in a moment), it may belong to a team you are not in, or the link is out of date."
    />
  );
}
