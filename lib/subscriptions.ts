// Every domain's reactions to events and its background jobs, registered once per process by importing
// this list (server start-up and the integration tests). To see who reacts to what, read these files.
import "./agents/subscriptions";
import "./alerts/subscriptions";
import "./approvals/subscriptions";
import "./audit/subscriptions";
import "./costs/subscriptions";
import "./drift/subscriptions";
import "./evals/subscriptions";
import "./incidents/subscriptions";
import "./guard/subscriptions";
import "./policies/subscriptions";
import "./versions/subscriptions";
import "./webhooks/subscriptions";
