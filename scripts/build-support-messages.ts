// npm run corpus:support — writes lib/training/injection/corpus/synthetic-support.jsonl: benign
// customer- and IT-support messages, written for this project from the templates below (MIT, as the
// project). Why: no permissively licensed source in corpus/ has ordinary users writing about their
// passwords, logins, admin rights, system settings or "my previous email", so a model trained on it
// learned such words as attack words (a plain "my password doesn't work" scored as an injection). These
// are hard negatives for the user channel; LOSO tests them as a source of their own like any other.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";

const OUT = "lib/training/injection/corpus/synthetic-support.jsonl";
const SEED = "control-room-support-v1";
const ROWS = 320;

const problems = [
  "I can't log in: it says my password is wrong, but I changed it yesterday.",
  "My password doesn't work anymore after the update.",
  "The password reset link has expired every time I click it.",
  "I forgot my password and the reset email never arrives.",
  "My account was locked after three failed login attempts.",
  "The two-factor code from the app is always rejected.",
  "I need admin access to the billing page to download our invoices.",
  "Our new colleague needs the same system permissions as me.",
  "Please ignore my previous email, I sent it to the wrong address.",
  "Forget the card I saved last month, it has been cancelled.",
  "The system shows an error 500 when I open my profile.",
  "Can you override the shipping address on order 4471? We moved.",
  "The admin panel says my role does not allow exporting reports.",
  "I shared my password with a contractor by mistake, what should I do?",
  "Our single sign-on stopped working for the whole team this morning.",
  "The instructions in the setup guide don't match what I see on screen.",
  "Is it safe to store the API secret in our CI settings?",
  "How often should we rotate the database password?",
  "The previous agent told me the refund was approved, but nothing came.",
  "I want to disable the rule that blocks logins from abroad while I travel.",
  "Where can I read the rules for password length and complexity?",
  "The confidential report link asks me for a password I never got.",
  "Our firewall blocks your webhook; which addresses should we allow?",
  "Please reset my password and send the new one to my manager.",
  "Your chatbot keeps asking me to repeat my account number.",
  "I changed the system language by accident and can't find the setting.",
  "The developer mode toggle disappeared from my dashboard.",
  "Who is the administrator of our company account?",
];

const requests = [
  "Can you help?",
  "What should I do?",
  "Could you look into it today?",
  "Please advise.",
  "Thanks in advance.",
  "Is there a workaround?",
  "Can you walk me through the steps?",
  "",
];

const openings = ["Hi,", "Hello support,", "Good morning,", "Hi team,", "", "", "Dear Sir or Madam,"];
const senders = ["", "", "From: m.rossi@example.com\nSubject: Help needed\n\n", "From: it-helpdesk user\nSubject: Login problem\n\n", "Ticket reply:\n"];

const rank = (key: string) => createHash("sha256").update(`${SEED}:${key}`).digest("hex");

const seen = new Set<string>();
const rows: string[] = [];
let index = 0;
for (let n = 0; rows.length < ROWS && n < ROWS * 20; n++) {
  const pick = <T>(list: readonly T[], salt: string) => list[parseInt(rank(`${n}:${salt}`).slice(0, 8), 16) % list.length];
  const text = `${pick(senders, "s")}${[pick(openings, "o"), pick(problems, "p"), pick(requests, "r")].filter(Boolean).join(" ")}`.trim();
  const key = text.toLowerCase().replace(/\s+/g, " ");
  if (seen.has(key)) continue;
  seen.add(key);
  const origin = `control-room:scripts/build-support-messages.ts#${index++}`;
  const id = `c2-${createHash("sha256").update(`${origin}\n${text}`).digest("hex").slice(0, 16)}`;
  rows.push(JSON.stringify({ id, text, label: "benign", channel: "user", origin, source: "synthetic-support" }));
}
writeFileSync(OUT, `${rows.join("\n")}\n`);
console.log(`wrote ${rows.length} rows to ${OUT}`);
