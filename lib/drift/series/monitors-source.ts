// Where the drift pages read monitors from: the monitoring engine's own list (lib/drift/monitor).
export { listDriftMonitors } from "../monitor/list-monitors";
