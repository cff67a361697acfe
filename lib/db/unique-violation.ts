// Prisma's "unique constraint failed" (P2002), from either driver adapter.
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "P2002" || /unique constraint/i.test((error as Error | null)?.message ?? "");
}
