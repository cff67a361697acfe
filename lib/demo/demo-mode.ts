// Demo mode: CONTROLROOM_DEMO=1, or the embedded database with CONTROLROOM_DEMO unset (the quick start).
export function isDemoMode(env: Record<string, string | undefined> = process.env): boolean {
  const flag = env.CONTROLROOM_DEMO?.trim().toLowerCase();
  if (flag === "1" || flag === "true") return true;
  if (flag === "0" || flag === "false") return false;
  return !env.DATABASE_URL?.trim();
}

export const DEMO_PASSWORD = "demo-password";

export const demoUsers = [
  { email: "admin@demo.local", name: "Ada Admin", role: "admin", teams: "all" },
  { email: "developer@demo.local", name: "Dev Developer", role: "developer", teams: ["Claims", "Support"] },
  { email: "reviewer@demo.local", name: "Rae Reviewer", role: "reviewer", teams: "all" },
  { email: "operator@demo.local", name: "Oli Operator", role: "operator", teams: ["Claims", "Support"] },
  { email: "viewer@demo.local", name: "Vic Viewer", role: "viewer", teams: ["Claims", "Support"] },
] as const;

export const demoTeams = [
  { name: "Claims", description: "Insurance claims intake and adjudication" },
  { name: "Payments", description: "Refunds and payouts" },
  { name: "Support", description: "Customer support" },
  { name: "Procurement", description: "Purchasing and vendor management" },
] as const;

export const demoAgents = [
  { slug: "claims-agent", name: "Claims agent", team: "Claims", owner: "developer@demo.local", description: "Reads claim files, checks policy coverage and recommends approve or reject." },
  { slug: "refund-agent", name: "Refund agent", team: "Payments", owner: "admin@demo.local", description: "Issues refunds for eligible orders within policy limits." },
  { slug: "support-agent", name: "Support agent", team: "Support", owner: "developer@demo.local", description: "Answers customer emails and chats; escalates what it cannot resolve." },
  { slug: "procurement-agent", name: "Procurement agent", team: "Procurement", owner: "admin@demo.local", description: "Raises purchase orders with approved vendors." },
] as const;
