// Sends the attempts waiting on this device to the server and records the
// answer for each. Safe to run at any moment and more than once at a time:
// the server recognises an attempt it already has by the sheet's id. Nothing
// is ever dropped here: whatever the server did not grade (no connection, 401,
// 413, 429, 5xx) stays pending, with the reason, and is sent again later.
import { EVENTS_BATCH, EVENTS_SYNC_URL, SYNC_BATCH, SYNC_TAG, SYNC_URL, type AttemptPayload, type EventSyncOutcome, type SyncResponse } from "./protocol";
import { pendingAttempts, pendingEvents, updateAttempts, updateEvents, type QueuedAttempt, type QueuedEvent } from "./store";

export type SyncSummary = {
  sent: number;
  synced: number;
  rejected: number;
  waiting: number;
  error?: "offline" | "signed-out" | "server" | "rate-limited";
  /** When the server asked to wait (429), how long. */
  retryInMs?: number;
};

let running: Promise<SyncSummary> | undefined;

function payload(a: QueuedAttempt): AttemptPayload {
  return { id: a.id, userId: a.userId, slug: a.slug, language: a.language, answers: a.answers, deviceTime: a.deviceTime, version: a.version, draw: a.draw };
}

const minutesFrom = (value: unknown) => (typeof value === "number" && value > 0 && value < 24 * 60 ? value : 1);

function wait(batch: QueuedAttempt[], waiting: QueuedAttempt["waiting"], notBefore?: string) {
  return updateAttempts(batch.map((a) => ({ id: a.id, apply: (x) => ({ ...x, waiting, notBefore }) })));
}

async function sendBatch(batch: QueuedAttempt[], summary: SyncSummary): Promise<boolean> {
  const response = await fetch(SYNC_URL, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ attempts: batch.map(payload) }),
  });
  if (response.status === 401) {
    summary.error = "signed-out";
    await wait(batch, "signed-out");
    return false;
  }
  if (response.status === 413) {
    // Too big for one request: send it in halves; a single sheet the server will not take waits, kept.
    if (batch.length === 1) {
      await wait(batch, "too-large");
      return true;
    }
    const half = Math.ceil(batch.length / 2);
    return (await sendBatch(batch.slice(0, half), summary)) && sendBatch(batch.slice(half), summary);
  }
  if (response.status === 429) {
    const minutes = minutesFrom(((await response.json().catch(() => ({}))) as { minutes?: unknown }).minutes);
    summary.error = "rate-limited";
    summary.retryInMs = Math.max(summary.retryInMs ?? 0, minutes * 60_000);
    await wait(batch, "rate-limited", new Date(Date.now() + minutes * 60_000).toISOString());
    return false;
  }
  if (!response.ok) {
    summary.error = "server";
    return false;
  }
  const { results } = (await response.json()) as SyncResponse;
  const now = new Date().toISOString();
  summary.sent += batch.length;
  await updateAttempts(
    results.map((r) => ({
      id: r.id,
      apply: (a): QueuedAttempt => {
        if (r.status === "synced" || r.status === "duplicate") {
          summary.synced++;
          const { attemptId, correct, total, score, passed, completed } = r;
          return {
            ...a,
            status: "synced",
            waiting: undefined,
            notBefore: undefined,
            result: { attemptId, correct, total, score, passed, completed },
            syncedAt: now,
          };
        }
        if (r.status === "rejected") {
          summary.rejected++;
          return { ...a, status: "rejected", waiting: undefined, reason: r.reason, syncedAt: now };
        }
        summary.waiting++;
        if (r.status === "rate-limited") {
          const minutes = minutesFrom(r.minutes);
          summary.retryInMs = Math.max(summary.retryInMs ?? 0, minutes * 60_000);
          return { ...a, waiting: "rate-limited", notBefore: new Date(Date.now() + minutes * 60_000).toISOString() };
        }
        return { ...a, waiting: "other-user" };
      },
    })),
  );
  return true;
}

/**
 * Sends the pending sheets of `memberId` (the member signed in now; on a shared
 * phone the others' sheets wait for them), in batches. Sheets the server asked
 * to hold back (429) wait until their time.
 */
export function syncQueued(memberId: number | null): Promise<SyncSummary> {
  running ??= (async () => {
    const summary: SyncSummary = { sent: 0, synced: 0, rejected: 0, waiting: 0 };
    if (!memberId) return summary;
    const now = new Date().toISOString();
    const mine = (await pendingAttempts()).filter((a) => a.userId === memberId);
    const due = mine.filter((a) => !a.notBefore || a.notBefore <= now);
    if (due.length < mine.length) {
      summary.error = "rate-limited";
      const next = Math.min(...mine.filter((a) => a.notBefore && a.notBefore > now).map((a) => Date.parse(a.notBefore!)));
      summary.retryInMs = Math.max(1000, next - Date.now());
    }
    try {
      let going = true;
      for (let i = 0; i < due.length && going; i += SYNC_BATCH) {
        going = await sendBatch(due.slice(i, i + SYNC_BATCH), summary);
      }
      // Guidance events recorded offline go the same way, with their own address.
      const events = going ? (await pendingEvents()).filter((e) => e.userId === memberId) : [];
      for (let i = 0; i < events.length && going; i += EVENTS_BATCH) {
        going = await sendEvents(events.slice(i, i + EVENTS_BATCH), summary);
      }
    } catch {
      // No connection after all (or the response was lost): everything unconfirmed stays pending.
      summary.error = "offline";
    }
    return summary;
  })().finally(() => {
    running = undefined;
  });
  return running;
}

/** Whether anything of this member's is still waiting to be graded or sent. */
export async function hasPending(memberId: number) {
  return (await pendingAttempts()).some((a) => a.userId === memberId) || (await pendingEvents()).some((e) => e.userId === memberId);
}

/** Sends some of the member's guidance events; like sendBatch, nothing is dropped unless the server answered for it. */
async function sendEvents(batch: QueuedEvent[], summary: SyncSummary): Promise<boolean> {
  const response = await fetch(EVENTS_SYNC_URL, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ events: batch.map((e) => ({ userId: e.userId, event: e.event })) }),
  });
  if (response.status === 401) {
    summary.error = "signed-out";
    await updateEvents(batch.map((e) => ({ id: e.id, apply: (x) => ({ ...x, waiting: "signed-out" }) })));
    return false;
  }
  if (response.status === 429) {
    summary.error = "rate-limited";
    const minutes = minutesFrom(((await response.json().catch(() => ({}))) as { minutes?: unknown }).minutes);
    summary.retryInMs = Math.max(summary.retryInMs ?? 0, minutes * 60_000);
    return false;
  }
  if (!response.ok) {
    summary.error = "server";
    return false;
  }
  const { results } = (await response.json()) as { results: EventSyncOutcome[] };
  const now = new Date().toISOString();
  summary.sent += batch.length;
  await updateEvents(
    results.map((r) => ({
      id: r.id,
      apply: (e): QueuedEvent => {
        if (r.status === "synced" || r.status === "duplicate") {
          summary.synced++;
          return { ...e, status: "synced", waiting: undefined, eventId: r.eventId, syncedAt: now };
        }
        if (r.status === "rejected") {
          summary.rejected++;
          return { ...e, status: "rejected", waiting: undefined, error: r.error, syncedAt: now };
        }
        summary.waiting++;
        return { ...e, waiting: "other-user" };
      },
    })),
  );
  return true;
}

/** Asks the browser to run the sync when the connection returns, even if the page is closed. */
export async function requestBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    if (sync) await sync.register(SYNC_TAG);
  } catch {
    // Without Background Sync the page syncs on load and when it is back online.
  }
}
