// The device's own record of offline work, in IndexedDB: quiz attempts waiting
// to be graded (and what became of them) and the lessons saved for offline.
// Used by the lesson-page script, the home page and the service worker.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { MemberHint } from "~/utils/member-hint";
import type { AttemptPayload, EventPayload, RejectReason } from "./protocol";

export type AttemptResult = { attemptId: number; correct: number; total: number; score: number; passed: boolean; completed: boolean };

export type QueuedAttempt = AttemptPayload & {
  title: string;
  status: "pending" | "synced" | "rejected";
  /** Why a pending attempt is still waiting, when the server said so (kept on the phone in every case). */
  waiting?: "other-user" | "signed-out" | "rate-limited" | "too-large";
  /** After a 429: not sent again before this time (ISO). */
  notBefore?: string;
  reason?: RejectReason;
  result?: AttemptResult;
  syncedAt?: string;
};

/** `order` is the lesson's place in the course, so saved lessons list in course order. */
export type SavedLesson = { slug: string; title: string; topic: string; order: number; bytes: number; version: string; savedAt: string };

/** A guidance event recorded on the phone (issue 18), waiting to be sent or sent. */
export type QueuedEvent = {
  id: string;
  userId: number;
  event: EventPayload;
  status: "pending" | "synced" | "rejected";
  waiting?: "other-user" | "signed-out" | "rate-limited";
  /** The message key of a refusal. */
  error?: string;
  eventId?: number;
  syncedAt?: string;
};

interface OfflineDB extends DBSchema {
  attempts: { key: string; value: QueuedAttempt; indexes: { status: string } };
  events: { key: string; value: QueuedEvent; indexes: { status: string } };
  saved: { key: string; value: SavedLesson };
  meta: { key: string; value: number | MemberHint };
}

export const CHANGED_EVENT = "kns-offline-changed";
/** Synced and rejected attempts are shown for this long, then forgotten. */
const KEEP_DONE_MS = 30 * 24 * 3600_000;

let dbPromise: Promise<IDBPDatabase<OfflineDB>> | undefined;

function db() {
  dbPromise ??= openDB<OfflineDB>("kns-offline", 2, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore("attempts", { keyPath: "id" }).createIndex("status", "status");
        database.createObjectStore("saved", { keyPath: "slug" });
        database.createObjectStore("meta");
      }
      // Version 2: guidance events recorded offline.
      if (oldVersion < 2) database.createObjectStore("events", { keyPath: "id" }).createIndex("status", "status");
    },
  });
  return dbPromise;
}

/** Tells the page's own widgets (and, through the service worker, other tabs) that something changed. */
function announce() {
  if (typeof window !== "undefined") window.dispatchEvent(new Event(CHANGED_EVENT));
}

export function offlineStoreAvailable() {
  return typeof indexedDB !== "undefined";
}

/**
 * Keeps an answer sheet for later. The id is the sheet's own (made once in the
 * page, or the form's token), so the same sheet kept twice (the page and the
 * service worker both saw the connection fail) is one entry, and a sheet the
 * server already graded is answered "duplicate" when sent.
 */
export async function queueAttempt(attempt: Omit<QueuedAttempt, "status">) {
  const database = await db();
  const tx = database.transaction("attempts", "readwrite");
  const existing = await tx.store.get(attempt.id);
  if (!existing) await tx.store.put({ ...attempt, status: "pending" });
  await tx.done;
  announce();
}

export async function getAttempt(id: string) {
  return (await db()).get("attempts", id);
}

/** Every attempt on the device, newest first. */
export async function listAttempts() {
  const all = await (await db()).getAll("attempts");
  return all.sort((a, b) => b.deviceTime.localeCompare(a.deviceTime));
}

export async function pendingAttempts() {
  return (await db()).getAllFromIndex("attempts", "status", "pending");
}

/** Records what the server said; only attempts it answered for change. */
export async function updateAttempts(changes: Array<{ id: string; apply: (a: QueuedAttempt) => QueuedAttempt }>) {
  const tx = (await db()).transaction("attempts", "readwrite");
  for (const change of changes) {
    const current = await tx.store.get(change.id);
    if (current) await tx.store.put(change.apply(current));
  }
  // Old finished attempts are dropped so the list stays short.
  const cutoff = new Date(Date.now() - KEEP_DONE_MS).toISOString();
  for (const a of await tx.store.getAll()) {
    if (a.status !== "pending" && (a.syncedAt ?? a.deviceTime) < cutoff) await tx.store.delete(a.id);
  }
  await tx.done;
  announce();
}

/** Who is signed in on this browser, for the service worker (which cannot read cookies); see member-hint.ts. */
export async function setCurrentUser(hint: MemberHint) {
  await (await db()).put("meta", hint, "user");
}

/** The member signed in, as last told by a page, while that session lasts. */
export async function currentUser(now = Date.now()): Promise<number | null> {
  const value = await (await db()).get("meta", "user");
  return typeof value === "object" && value !== null && value.until > now ? value.id : null;
}

export async function clearCurrentUser() {
  await (await db()).delete("meta", "user");
}

export async function markSaved(lessons: SavedLesson[]) {
  const tx = (await db()).transaction("saved", "readwrite");
  for (const l of lessons) await tx.store.put(l);
  await tx.done;
  announce();
}

export async function savedLessons() {
  return (await db()).getAll("saved");
}

/** Keeps a guidance event for later, once per id (the page and the service worker may both keep it). */
export async function queueEvent(entry: Omit<QueuedEvent, "status">) {
  const tx = (await db()).transaction("events", "readwrite");
  if (!(await tx.store.get(entry.id))) await tx.store.put({ ...entry, status: "pending" });
  await tx.done;
  announce();
}

export async function pendingEvents() {
  return (await db()).getAllFromIndex("events", "status", "pending");
}

/** Every event on the phone, newest first. */
export async function listEvents() {
  const all = await (await db()).getAll("events");
  return all.sort((a, b) => b.event.deviceTime.localeCompare(a.event.deviceTime));
}

/** Records what the server said about events; old finished ones are dropped. */
export async function updateEvents(changes: Array<{ id: string; apply: (e: QueuedEvent) => QueuedEvent }>) {
  const tx = (await db()).transaction("events", "readwrite");
  for (const change of changes) {
    const current = await tx.store.get(change.id);
    if (current) await tx.store.put(change.apply(current));
  }
  const cutoff = new Date(Date.now() - KEEP_DONE_MS).toISOString();
  for (const e of await tx.store.getAll()) {
    if (e.status !== "pending" && (e.syncedAt ?? e.event.deviceTime) < cutoff) await tx.store.delete(e.id);
  }
  await tx.done;
  announce();
}
