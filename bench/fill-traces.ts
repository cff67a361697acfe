import { db } from "../lib/db/client";

export const BENCH_TEAMS = ["Bench Claims", "Bench Payments", "Bench Support", "Bench Procurement"];
export const BENCH_AGENTS = BENCH_TEAMS.flatMap((_, teamIndex) => [`bench-agent-${teamIndex * 2 + 1}`, `bench-agent-${teamIndex * 2 + 2}`]);

// Two agents per team, created through Prisma like the app would.
export async function ensureBenchAgents(): Promise<{ teamIds: string[] }> {
  const teamIds: string[] = [];
  for (const [teamIndex, name] of BENCH_TEAMS.entries()) {
    const team = await db().team.upsert({ where: { name }, update: {}, create: { name, description: "trace query benchmark" } });
    teamIds.push(team.id);
    for (const slug of BENCH_AGENTS.slice(teamIndex * 2, teamIndex * 2 + 2)) {
      await db().agent.upsert({ where: { slug }, update: {}, create: { slug, name: slug, teamId: team.id } });
    }
  }
  return { teamIds };
}

export async function countBenchSpans(): Promise<number> {
  const [row] = await db().$queryRawUnsafe<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM spans WHERE agent_id IN (SELECT id FROM agents WHERE slug LIKE 'bench-agent-%')`,
  );
  return row.count;
}

export async function deleteBenchTraces(): Promise<void> {
  await db().$executeRawUnsafe(`DELETE FROM spans WHERE agent_id IN (SELECT id FROM agents WHERE slug LIKE 'bench-agent-%')`);
  await db().$executeRawUnsafe(`DELETE FROM traces WHERE agent_id IN (SELECT id FROM agents WHERE slug LIKE 'bench-agent-%')`);
}

// Traces [from, to) with SPANS_PER_TRACE spans each, spread over the last 30 days, written by one
// INSERT … SELECT over generate_series per table (seconds per 100k spans, no round trips). Spans carry
// realistic payloads (messages, JSON attributes) so row width, and so I/O, resembles real data.
export const SPANS_PER_TRACE = 10;

export async function insertTraceRange(from: number, to: number): Promise<void> {
  await db().$executeRawUnsafe(`
    WITH bench AS (
      SELECT array_agg(a.id ORDER BY a.slug) AS agent_ids, array_agg(a.team_id ORDER BY a.slug) AS team_ids, array_agg(a.slug ORDER BY a.slug) AS slugs
      FROM agents a WHERE a.slug LIKE 'bench-agent-%'
    ), numbered AS (
      SELECT g, md5('bench-trace-' || g) AS trace_id, 1 + (g % array_length(bench.agent_ids, 1)) AS agent_index,
             now() - (random() * interval '30 days') AS start_time, bench.*
      FROM generate_series(${from}, ${to - 1}) AS g, bench
    )
    INSERT INTO traces (trace_id, agent_id, team_id, session_id, root_span_id, name, workflow, outcome, status, start_time, end_time,
                        span_count, error_count, input_tokens, output_tokens, cost_usd, unpriced_spans, models, updated_at)
    SELECT trace_id, agent_ids[agent_index], team_ids[agent_index], 'conv_bench_' || (g / 3), substr(md5(trace_id || '-0'), 1, 16),
           'invoke_agent ' || slugs[agent_index], (ARRAY['claims.adjudicate','refunds.process','support.email-triage','procurement.purchase'])[1 + g % 4],
           (ARRAY['approved','rejected','refunded','escalated','resolved','ordered','approved','resolved','refunded','approved'])[1 + (g / 7) % 10],
           CASE WHEN g % 97 = 0 THEN 'error' ELSE 'ok' END::"SpanStatus",
           start_time, start_time + ((2000 + g % 18000) * interval '1 ms'),
           ${SPANS_PER_TRACE}, CASE WHEN g % 97 = 0 THEN 1 ELSE 0 END, 4 * (1500 + g % 3000), 4 * (100 + g % 400),
           round(((4 * (1500 + g % 3000)) * 2.5 + (4 * (100 + g % 400)) * 10) / 1000000.0, 8), 0,
           ARRAY[(ARRAY['gpt-4.1','claude-sonnet-4-5','gpt-4o-mini','gemini-2.5-flash'])[1 + g % 4]], now()
    FROM numbered`);

  await db().$executeRawUnsafe(`
    INSERT INTO spans (trace_id, span_id, parent_span_id, agent_id, team_id, session_id, name, kind, start_time, end_time, status,
                       model, provider, tool_name, workflow, input_tokens, output_tokens, cost_usd, input, output, attributes, service)
    SELECT t.trace_id, substr(md5(t.trace_id || '-' || s), 1, 16), CASE WHEN s = 0 THEN NULL ELSE t.root_span_id END,
           t.agent_id, t.team_id, t.session_id,
           CASE WHEN s = 0 THEN t.name WHEN s = 1 THEN 'retrieval knowledge-base' WHEN s % 2 = 0 THEN 'chat ' || t.models[1] ELSE 'execute_tool orders.lookup' END,
           (CASE WHEN s = 0 THEN 'agent' WHEN s = 1 THEN 'retrieval' WHEN s % 2 = 0 THEN 'llm' ELSE 'tool' END)::"SpanKind",
           t.start_time + (s * 150) * interval '1 ms',
           CASE WHEN s = 0 THEN t.end_time ELSE t.start_time + (s * 150 + 140) * interval '1 ms' END,
           CASE WHEN s = 3 AND t.status = 'error' THEN 'error' ELSE 'ok' END::"SpanStatus",
           CASE WHEN s % 2 = 0 AND s > 0 THEN t.models[1] END, CASE WHEN s % 2 = 0 AND s > 0 THEN 'openai' END,
           CASE WHEN s % 2 = 1 AND s > 1 THEN 'orders.lookup' END, t.workflow,
           CASE WHEN s % 2 = 0 AND s > 0 THEN 1500 + s * 40 END, CASE WHEN s % 2 = 0 AND s > 0 THEN 100 + s * 10 END,
           CASE WHEN s % 2 = 0 AND s > 0 THEN 0.0045 END,
           'Customer Priya Patel (order ORD-00412345) writes: the blender arrived with a cracked jug and she wants her money back. ' || repeat('Earlier turn context. ', 8),
           '{"status":"delivered","paid":79.9,"currency":"EUR","refundable":true,"deliveredDaysAgo":' || s || '}',
           jsonb_build_object('gen_ai.operation.name', CASE WHEN s = 0 THEN 'invoke_agent' WHEN s % 2 = 0 THEN 'chat' ELSE 'execute_tool' END,
                              'gen_ai.conversation.id', t.session_id, 'gen_ai.request.model', t.models[1],
                              'gen_ai.input.messages', '[{"role":"user","parts":[{"type":"text","content":"Customer asks for a refund of order ORD-00412345"}]}]'),
           'bench'
    FROM traces t CROSS JOIN generate_series(0, ${SPANS_PER_TRACE - 1}) AS s
    WHERE t.trace_id IN (SELECT md5('bench-trace-' || g) FROM generate_series(${from}, ${to - 1}) AS g)`);
}
