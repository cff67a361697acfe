import { listenForNotifications, type NotifyListener } from "../db/notify-listener";
import { processState } from "../cache/process-state";
import { eventsMissed } from "./define-event";
import { EVENT_CHANNEL, processId, type EventMessage } from "./emit";
import { deliver } from "./registry";

// Other replicas' events arrive through LISTEN; this process's own were delivered after commit and are
// skipped. Each (re)connection delivers eventsMissed: what was sent while it was down is lost.

const state = processState<{ listener?: Promise<NotifyListener> }>("events:listener", () => ({}));

export function startEventListener(log?: (line: string) => void): Promise<NotifyListener> {
  state.listener ??= listenForNotifications({
    channel: EVENT_CHANNEL,
    log,
    onConnected: () => deliver(eventsMissed.name, {}),
    onMessage: (raw) => {
      let message: EventMessage;
      try {
        message = JSON.parse(raw) as EventMessage;
      } catch {
        log?.(`ignored a message on ${EVENT_CHANNEL} that is not JSON`);
        return;
      }
      if (message.origin !== processId()) deliver(message.event, message.payload);
    },
  });
  return state.listener;
}

export async function stopEventListener(): Promise<void> {
  const listener = state.listener;
  state.listener = undefined;
  await (await listener)?.stop();
}
