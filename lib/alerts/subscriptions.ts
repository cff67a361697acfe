import { every } from "../events/jobs";
import { sweepBudgetAlerts, SWEEP_EVERY_MS } from "./sweep-budget-alerts";

every({ name: "budget alert sweep", intervalMs: SWEEP_EVERY_MS, run: () => sweepBudgetAlerts() });
