// npm run audit:verify — recompute the audit hash chain; exit 1 at the first tampered entry.
import { db } from "../lib/db/client";
import { verifyAuditChain } from "../lib/audit/verify-chain";
import { runCli } from "./cli";

await runCli({}, async () => {
  const report = await verifyAuditChain(db());
  if (report.ok) {
    console.log(`audit chain intact: ${report.checked} entries verified`);
    return 0;
  }
  console.error(`AUDIT CHAIN BROKEN after ${report.checked} good entries: ${report.firstProblem?.message}`);
  return 1;
});
