import { randomBytes } from "node:crypto";
import { chance, randomInt } from "./random";
import type { Scenario, SessionTurn } from "./types";

type OpenSession = SessionTurn & { readyAt: number };

const MAX_OPEN_SESSIONS = 2000;
const CONTINUE_PROBABILITY = 0.6;

// Conversations span several traces: a follow-up turn continues an open session once the previous turn
// has ended and the "customer" has had time to answer (think time), so replays read in order.
export function createSessionPool(thinkTimeMs: [number, number] = [15_000, 90_000]) {
  const open = new Map<string, OpenSession[]>(); // scenario name → sessions awaiting their next turn
  let openCount = 0;

  return {
    take(scenario: Scenario, now: number): SessionTurn {
      const waiting = open.get(scenario.name) ?? [];
      const readyIndex = waiting.findIndex((session) => session.readyAt <= now);
      if (readyIndex >= 0 && chance(CONTINUE_PROBABILITY)) {
        const [session] = waiting.splice(readyIndex, 1);
        openCount -= 1;
        session.turn += 1;
        return session;
      }
      return { id: `conv_${randomBytes(12).toString("hex")}`, turn: 1, turns: randomInt(1, scenario.maxTurns ?? 1), history: [], memory: {} };
    },
    // After a turn: keep the session for its next turn, or forget it when the conversation is over.
    release(scenario: Scenario, session: SessionTurn, endTime: number): void {
      if (session.turn >= session.turns) return;
      if (openCount >= MAX_OPEN_SESSIONS) return;
      const waiting = open.get(scenario.name) ?? [];
      waiting.push({ ...session, readyAt: endTime + randomInt(thinkTimeMs[0], thinkTimeMs[1]) });
      open.set(scenario.name, waiting);
      openCount += 1;
    },
    openSessions: () => openCount,
  };
}

export type SessionPool = ReturnType<typeof createSessionPool>;
