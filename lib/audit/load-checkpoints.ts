import type { Db } from "../db/client";
import { readAnchorFile } from "./anchor-file";
import type { SourcedCheckpoint } from "./check-anchors";

export type CheckpointSources = {
  checkpoints: SourcedCheckpoint[];
  files: { file: string; checkpoints: number; missing: boolean; malformedLines: number }[];
  tableRows: number;
  // Lines of the anchor files about other databases (one file may serve several), by label.
  otherDatabases: Map<string, number>;
};

export const TABLE_SOURCE = "the audit_checkpoints table";

// Every checkpoint of this database: the table's rows (written by any replica) and the anchor files'
// lines for `database`. The table's copy can be deleted by the database's owner; the files' cannot.
export async function loadCheckpoints(client: Db, options: { files: string[]; database: string }): Promise<CheckpointSources> {
  const rows = await client.auditCheckpoint.findMany({ orderBy: { id: "asc" } });
  const checkpoints: SourcedCheckpoint[] = rows.map((row) => ({
    database: row.database,
    at: row.at.toISOString(),
    lastSeq: row.lastSeq.toString(),
    entries: Number(row.entries),
    headHash: row.headHash,
    keyId: row.keyId,
    signature: row.signature,
    sources: [TABLE_SOURCE],
  }));
  const otherDatabases = new Map<string, number>();
  const files: CheckpointSources["files"] = [];
  for (const file of options.files) {
    const contents = readAnchorFile(file);
    let ours = 0;
    for (const checkpoint of contents.checkpoints) {
      if (checkpoint.database !== options.database) {
        otherDatabases.set(checkpoint.database, (otherDatabases.get(checkpoint.database) ?? 0) + 1);
        continue;
      }
      checkpoints.push({ ...checkpoint, sources: [file] });
      ours += 1;
    }
    files.push({ file, checkpoints: ours, missing: contents.missing, malformedLines: contents.malformedLines });
  }
  return { checkpoints, files, tableRows: rows.length, otherDatabases };
}
