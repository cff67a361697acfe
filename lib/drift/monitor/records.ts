// What drift monitoring reads per completed task and per guard decision (lib/drift/monitor/read-stream.ts).
// Times are epoch milliseconds.

export type TaskRecord = {
  traceId: string;
  startTime: number;
  outcome: string | null;
  error: boolean;
  costUsd: number;
  latencyMs: number;
  steps: number;
  version: string | null;
  models: string[];
  // Tool calls of the task by tool name.
  tools: Record<string, number>;
};

export type DecisionRecord = { at: number; verdict: "allow" | "deny" | "hold"; injection: boolean };

// A monitor's reading of the recent tasks, or of those since its change point.
export type Reading = { value: number | null; n: number; from: string | null; to: string | null };

// A drift a monitor found: what the alert and the /drift page show.
export type Detection = {
  metric: string;
  detectedAt: string;
  changePointAt: string | null;
  direction: "up" | "down";
  baselineValue: number | null;
  currentValue: number | null;
  // Tasks (or decisions) the current value is measured over.
  n: number;
  statistic: number;
  threshold: number;
  // The version the agent ran at the detection (the last task's).
  version: string | null;
};

export const isoOf = (time: number | null | undefined) => (time === null || time === undefined ? null : new Date(time).toISOString());
