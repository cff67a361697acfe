// The one client-side JSON reader for TanStack Query fetchers (client-safe: no server imports).
// A failed answer becomes an Error carrying the server's own message ({ error: { message } }), so a
// "could not refresh" banner can say what went wrong rather than just a status code.
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) throw new Error(body?.error?.message ?? `The server answered ${response.status}`);
  if (body === null) throw new Error("The server sent an empty answer");
  return body;
}
