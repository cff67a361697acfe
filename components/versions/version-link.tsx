import Link from "next/link";

export const versionHref = (slug: string, label: string) => `/agents/${slug}/versions/${encodeURIComponent(label)}`;
export const compareHref = (slug: string, base: string, head: string) =>
  `/agents/${slug}/versions/compare?base=${encodeURIComponent(base)}&head=${encodeURIComponent(head)}`;

export function VersionLink({ slug, label }: { slug: string; label: string }) {
  return (
    <Link href={versionHref(slug, label)} className="font-mono text-sm font-medium text-accent underline-offset-2 hover:underline">
      {label}
    </Link>
  );
}
