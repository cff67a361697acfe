// npm run audit:verify [-- --anchors <file> …] — recompute the audit hash chain and check it against the
// signed checkpoints of its head (the audit_checkpoints table and the anchor files). Exit 0: intact;
// 1: tampered (each kind of tampering found is named); 2: the checkpoints could not be checked (no key).
import { db } from "../lib/db/client";
import { loadAuditKey } from "../lib/audit/audit-key";
import { anchorFilePath, databaseLabel } from "../lib/audit/anchor-file";
import { loadCheckpoints, type CheckpointSources } from "../lib/audit/load-checkpoints";
import { checkpointIntervalSeconds } from "../lib/audit/checkpoint-schedule";
import { verifyAuditChain, verifyAuditLog, type AuditLogReport } from "../lib/audit/verify-chain";
import { runCli } from "./cli";

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

await runCli({ anchors: { type: "string", multiple: true } }, async (args) => {
  const extraFiles = (args.anchors as unknown as string[] | undefined) ?? [];
  const defaultFile = anchorFilePath();
  const files = [...new Set([...(defaultFile ? [defaultFile] : []), ...extraFiles])];
  const database = databaseLabel();
  const sources = await loadCheckpoints(db(), { files, database });
  const key = loadAuditKey({ create: false });

  if (!key) {
    const chain = await verifyAuditChain(db());
    printChain(chain.ok ? `hash chain intact (${chain.checked} entries)` : `HASH CHAIN BROKEN after ${chain.checked} good entries: ${chain.firstProblem?.message}`);
    if (sources.checkpoints.length === 0 && chain.ok) {
      console.log("no audit key and no checkpoints: the head of the log is not anchored (the server makes the key and writes checkpoints)");
      return 0;
    }
    console.error(`cannot check ${sources.checkpoints.length} checkpoints: no audit key (set CONTROLROOM_AUDIT_KEY, or run where the server keeps .data/audit-key)`);
    return chain.ok ? 2 : 1;
  }

  const report = await verifyAuditLog(db(), { key, checkpoints: sources.checkpoints });
  printChain(
    report.chain.ok
      ? `${report.total} entries, hash chain intact`
      : `${report.total} entries, HASH CHAIN BROKEN after ${report.chain.checked} good entries: ${report.chain.firstProblem?.message}`,
  );
  printAnchors(report, sources, database);
  if (report.ok) {
    console.log("AUDIT LOG INTACT");
    return 0;
  }
  console.error("AUDIT LOG TAMPERED:");
  if (report.chain.firstProblem) console.error(`  - ${report.chain.firstProblem.message}`);
  for (const problem of report.anchors.problems) {
    console.error(`  - ${problem.message}${problem.olderAlike ? ` (and ${plural(problem.olderAlike, "older checkpoint")} the same way)` : ""}`);
  }
  return 1;
});

function printChain(line: string) {
  console.log(`audit log: ${line}`);
}

function printAnchors(report: AuditLogReport, sources: CheckpointSources, database: string) {
  const where = [`${sources.tableRows} in the audit_checkpoints table`, ...sources.files.map((file) => `${file.checkpoints} in ${file.file}${file.missing ? " (no such file)" : ""}`)];
  console.log(`anchors of ${database}: ${plural(report.anchors.checkpoints, "checkpoint")} (${where.join(", ")})`);
  for (const file of sources.files) if (file.malformedLines) console.log(`  ${file.file}: ${file.malformedLines} lines are not checkpoints (ignored)`);
  for (const [label, count] of sources.otherDatabases) console.log(`  ${count} checkpoints in the anchor files are about another database (${label}): ignored`);
  const newest = report.anchors.newest;
  if (!newest) {
    console.log(
      report.anchors.problems.length
        ? "  no checkpoint matches the log (below)"
        : "  the head of the log is not anchored by any checkpoint: deleting the newest entries, or rewriting the chain, would go unnoticed",
    );
    return;
  }
  console.log(`  anchored up to entry #${newest.lastSeq} (${newest.entries} entries) by the checkpoint of ${newest.at}`);
  if (report.anchors.unanchored > 0) {
    console.log(
      `  ${report.anchors.unanchored} newer entries are not anchored yet: their deletion or rewrite cannot be detected (a running server anchors the head every ${checkpointIntervalSeconds()} s and at shutdown)`,
    );
  }
}
