// Where the drift pages read monitors from. Today: drift_states directly (read-monitors.ts); once
// lib/drift/monitor/list-monitors.ts lands, this re-exports its listDriftMonitors instead.
export { readDriftMonitors as listDriftMonitors } from "./read-monitors";
