// npm run eval -- --agent claims-agent --version v4 [--suite <id or name>] [--url http://localhost:3000]
// The demo fleet's evaluation harness: runs one version of a demo agent on its gating suite and prints
// the run's result (exit code 0 when it passed, 1 when it failed, 2 on an error).
import { parseArgs } from "node:util";
import { runEvalHarness } from "../lib/simulator/eval-harness";

const usage = `usage: npm run eval -- --agent <slug> --version <label> [--suite <id or name>] [--url <base url>]
  --agent      a demo agent (claims-agent, …)
  --version    the version to evaluate (label, e.g. v4)
  --suite      a suite of the agent (default: its gating suite)
  --url        the Control Room to evaluate against (default http://localhost:3000)
  --email, --password   admin to sign in as (default: the demo admin); or set CONTROLROOM_ADMIN_KEY`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      agent: { type: "string" },
      version: { type: "string" },
      suite: { type: "string" },
      url: { type: "string", default: "http://localhost:3000" },
      email: { type: "string" },
      password: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (!values.agent || !values.version) {
    console.error(usage);
    return 2;
  }
  const adminKey = process.env.CONTROLROOM_ADMIN_KEY?.trim() || undefined;
  const { run, suite, link } = await runEvalHarness({
    baseUrl: values.url!,
    agent: values.agent,
    version: values.version,
    suite: values.suite,
    credentials: adminKey ? { adminKey } : { email: values.email, password: values.password },
    log: (line) => console.log(line),
  });
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  console.log(`${run.status.toUpperCase()}: ${values.agent} ${values.version} on "${suite.name}" — ${percent(run.passRate)} of ${run.counts.items} items passed (needs ${percent(run.threshold.passRate)})`);
  for (const [type, rate] of Object.entries(run.scores ?? {})) console.log(`  ${type}: ${percent(rate)}`);
  console.log(link);
  return run.status === "passed" ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`eval failed: ${error.message}`);
    process.exit(2);
  },
);
