import { NotFoundHere } from "@/components/traces/unavailable";

export const metadata = { title: "Session not found" };

export default function SessionNotFound() {
  return (
    <NotFoundHere
      heading="Session unavailable"
      title="Session not found"
      message="No trace you can see carries this session id. Its spans may not have arrived yet (reload in a moment), it may belong to a team you are not in, or the link is out of date."
    />
  );
}
