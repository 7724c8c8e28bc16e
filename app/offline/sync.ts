// Sends the attempts waiting on this device to the server and records the
// answer for each. Safe to run at any moment and more than once at a time:
// the server recognises an attempt it already has by the id made on the device.
import { SYNC_BATCH, SYNC_TAG, SYNC_URL, type AttemptPayload, type SyncResponse } from "./protocol";
import { pendingAttempts, updateAttempts, type QueuedAttempt } from "./store";

export type SyncSummary = { sent: number; synced: number; rejected: number; waiting: number; error?: "offline" | "signed-out" | "server" };

let running: Promise<SyncSummary> | undefined;

function payload(a: QueuedAttempt): AttemptPayload {
  return { id: a.id, userId: a.userId, slug: a.slug, language: a.language, answers: a.answers, deviceTime: a.deviceTime, version: a.version };
}

async function sendBatch(batch: QueuedAttempt[], summary: SyncSummary) {
  const response = await fetch(SYNC_URL, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ attempts: batch.map(payload) }),
  });
  if (response.status === 401) {
    summary.error = "signed-out";
    await updateAttempts(batch.map((a) => ({ id: a.id, apply: (x) => ({ ...x, waiting: "signed-out" }) })));
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
          return { ...a, status: "synced", waiting: undefined, result: { attemptId, correct, total, score, passed, completed }, syncedAt: now };
        }
        if (r.status === "rejected") {
          summary.rejected++;
          return { ...a, status: "rejected", waiting: undefined, reason: r.reason, syncedAt: now };
        }
        summary.waiting++;
        return { ...a, waiting: "other-user" };
      },
    })),
  );
  return true;
}

/** Sends every pending attempt, in batches; whatever the server did not confirm stays pending. */
export function syncQueued(): Promise<SyncSummary> {
  running ??= (async () => {
    const summary: SyncSummary = { sent: 0, synced: 0, rejected: 0, waiting: 0 };
    const pending = await pendingAttempts();
    try {
      for (let i = 0; i < pending.length; i += SYNC_BATCH) {
        if (!(await sendBatch(pending.slice(i, i + SYNC_BATCH), summary))) break;
      }
    } catch {
      // No connection after all: everything unconfirmed stays pending.
      summary.error = "offline";
    }
    return summary;
  })().finally(() => {
    running = undefined;
  });
  return running;
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
