import { every } from "../events/jobs";
import { anchorAuditHead, checkpointIntervalSeconds } from "./checkpoint-schedule";

every({ name: "audit checkpoint", intervalMs: () => checkpointIntervalSeconds() * 1000, atStart: true, atStop: true, run: anchorAuditHead });
