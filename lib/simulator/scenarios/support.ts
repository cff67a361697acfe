import type { Scenario } from "../types";
import { param } from "../config-client";
import { startAgentRun } from "../agent-run";
import { chance, pick, reference } from "../random";

// Support email triage: classify the email with a small model, search the knowledge base, answer or
// escalate. Conversations run over several emails. Part of the support team's runtime is instrumented
// with OpenInference (LangChain), the rest with the GenAI conventions. The served version names the
// answering model, the classifier (and its self-hosted fallback) and the prompt; a prompt that asks for
// a summary (the demo's v3 canary) writes longer answers, so its tasks cost a little more.
const topics = [
  { category: "billing", subject: "Invoice shows the wrong VAT number", body: "Our March invoice lists our old VAT number. Can you reissue it with DE811234567?", article: "KB-112 Reissuing invoices", escalate: false },
  { category: "account", subject: "Can't reset my password", body: "The reset link says it has expired as soon as I click it. I've tried three times.", article: "KB-031 Password reset links", escalate: false },
  { category: "shipping", subject: "Where is my order?", body: "Order placed 9 days ago, tracking hasn't moved since it left the warehouse.", article: "KB-207 Delayed shipments", escalate: false },
  { category: "legal", subject: "Data deletion request (GDPR Art. 17)", body: "Please delete all personal data you hold about me and confirm in writing.", article: "KB-400 Data subject requests", escalate: true },
  { category: "outage", subject: "API returning 502 for all requests", body: "Since 09:40 UTC every call to /v2/orders returns 502. This is blocking our checkout.", article: "KB-512 Status page and incidents", escalate: true },
] as const;

const followUps = ["Thanks, that worked — one more question: can I get this for last month too?", "That didn't help, the problem is still there.", "Could you confirm once it's done?"];

const senders = ["ines.costa@example.com", "k.yamamoto@example.org", "ben.walsh@example.net", "lea.fournier@example.com", "omar.haddad@example.org"];

export const supportScenario: Scenario = {
  name: "support.email-triage",
  agent: "support-agent",
  weight: 4,
  maxTurns: 3,
  async run(tracer, ctx) {
    const memory = ctx.session.memory as Partial<{ topic: (typeof topics)[number]; sender: string; ticket: string }>;
    if (!memory.topic) Object.assign(memory, { topic: pick(topics), sender: pick(senders), ticket: reference("TCK", 6) });
    const { topic, sender, ticket } = memory as Required<typeof memory>;
    const email = ctx.session.turn === 1 ? `From: ${sender}\nSubject: ${topic.subject}\n\n${topic.body}` : `From: ${sender}\nSubject: Re: ${topic.subject} [${ticket}]\n\n${pick(followUps)}`;
    const openInference = chance(0.4);
    const run = await startAgentRun(tracer, ctx, {
      agent: "support-agent",
      workflow: "support.email-triage",
      dialect: openInference ? "openinference" : "genai",
      version: "3.0.4",
      system: ctx.config.prompt,
      input: email,
      toolDefinitionTokens: 640,
    });

    const { config } = ctx;
    const fallback = chance(param(config, "fallbackShare", 0));
    const classifier = fallback ? param(config, "fallbackClassifierModel", config.model) : param(config, "classifierModel", config.model);
    run.llm({ model: classifier, temperature: 0, reply: JSON.stringify({ category: topic.category, priority: topic.escalate ? "high" : "normal", sentiment: ctx.session.turn > 1 ? "neutral" : "frustrated" }) });
    await run.retrieval({
      source: "support-knowledge-base",
      query: `${topic.category}: ${topic.subject}`,
      embeddingModel: "text-embedding-3-small",
      durationMs: 160,
      documents: [
        { id: topic.article, score: 0.88, content: `${topic.article}: step-by-step guidance agents send to customers for ${topic.category} issues.` },
        { id: "KB-001 Tone and signature", score: 0.62, content: "Greet by first name, answer in under 120 words, sign as Fabrikam Support." },
      ],
    });

    const writer = config.model;
    const summarises = /numbered summary/i.test(config.prompt);
    if (topic.escalate) {
      const escalation = { ticket, team: topic.category === "legal" ? "privacy-office" : "sre-on-call", summary: topic.subject };
      run.llm({ model: writer, toolCalls: [{ name: "ticket.escalate", arguments: escalation }] });
      await run.tool({ name: "ticket.escalate", description: "Hand a ticket to a specialist team", arguments: escalation, result: { assigned: escalation.team, slaMinutes: 60 }, durationMs: 150 });
      run.llm({ model: writer, reply: `Escalated ${ticket} to ${escalation.team} and told the customer they'll hear back within the hour.` });
      return run.finish({ outcome: "escalated", reply: `Escalated to ${escalation.team}.` });
    }

    const steps = summarises ? ` In short: 1. ${topic.article.replace(/^KB-\d+ /, "")} applies to your case. 2. Follow the steps above. 3. Reply to this email if anything is unclear. Article: https://help.fabrikam.example/${topic.article.split(" ")[0]}` : "";
    const body = `Hi, thanks for reaching out. ${topic.article.replace(/^KB-\d+ /, "")}: here is what to do…${steps} Best regards, Fabrikam Support`;
    const message = { to: sender, subject: `Re: ${topic.subject} [${ticket}]`, body };
    run.llm({ model: writer, temperature: param(config, "temperature", 0.4), toolCalls: [{ name: "email.send", arguments: message }] });
    if (chance(0.04)) {
      await run.tool({ name: "email.send", description: "Send an email reply to the customer", arguments: message, durationMs: 1800, error: "SMTP 451: temporary local problem, try again later" });
      run.wait(1500);
    }
    await run.tool({ name: "email.send", description: "Send an email reply to the customer", arguments: message, result: { messageId: `<${reference("MSG", 9)}@mail.fabrikam.example>` }, durationMs: 240 });
    return run.finish({ outcome: "resolved", reply: body });
  },
};
