// What the device and the server say to each other about offline work. Shared
// by the service worker, the lesson-page script, the home page and the server.
import { CSRF_FIELD } from "~/utils/csrf";

export const CACHE = {
  /** Lessons saved for offline use (pages, pictures and what the pages need): the same for every member. */
  lessons: "kns-lessons",
  /** The last copy of a member's home page and catalogue, kept per member, dropped at every sign-out. */
  pages: "kns-pages",
  /** Fingerprinted build files (scripts of the React pages), immutable. */
  assets: "kns-assets",
} as const;

export const SYNC_URL = "/api/sync/attempts";
/** Tells the service worker that nobody is signed in any more: forget the members' pages. */
export const SIGNED_OUT_MESSAGE = "kns-signed-out";
/** Where a member's personal page is kept in CACHE.pages: under their id, never shown to anyone else. */
export const memberPageKey = (origin: string, memberId: number, pathname: string) => `${origin}/__member/${memberId}${pathname}`;
export const SYNC_TAG = "kns-sync-attempts";
/** At most this many attempts in one request; the device sends more in turns. */
export const SYNC_BATCH = 50;
/**
 * While a page is open and online, sheets still waiting are sent again after
 * these pauses (then every last one), besides page loads, the `online` event
 * and Background Sync: a flaky line gets several chances without a reload.
 */
export const RETRY_DELAYS_MS = [5_000, 15_000, 60_000, 120_000];

/** An attempt as the device sends it. */
export type AttemptPayload = {
  /** Made on the device (crypto.randomUUID): the attempt's identity everywhere. */
  id: string;
  /** The account that answered (from the page); another account's attempts wait. */
  userId: number;
  slug: string;
  language: string;
  answers: Record<string, string>;
  /** The device's clock when answered, ISO 8601 (may be wrong). */
  deviceTime: string;
  /** The lesson version the page showed, to explain a quiz that changed since. */
  version?: string;
  /** The seed of the questions and order the page showed (see quiz-draw.ts). */
  draw?: string;
};

export type RejectReason = "bad-payload" | "lesson-gone" | "not-yours" | "quiz-changed";

export type AttemptOutcome =
  | { id: string; status: "synced" | "duplicate"; attemptId: number; correct: number; total: number; score: number; passed: boolean; completed: boolean }
  | { id: string; status: "rejected"; reason: RejectReason }
  /** Answered by another account on this device: kept until that account signs in. */
  | { id: string; status: "other-user" }
  /** Too many sheets in a short time: kept on the device and sent again after `minutes`. */
  | { id: string; status: "rate-limited"; minutes: number };

export type SyncResponse = { results: AttemptOutcome[] };

/** Fields of the quiz form that are not answers. */
export const QUIZ_FIELDS = {
  language: "language",
  /** The answer sheet's id: the same sheet sent any number of times, by any path, is stored once. */
  sheet: "sheet",
  /** The draw the page showed (seed of the questions and their order). */
  draw: "draw",
  /** Who was signed in when the sheet was submitted (from the hint cookie, for the service worker). */
  member: "member",
} as const;
const NOT_ANSWERS = new Set<string>([...Object.values(QUIZ_FIELDS), CSRF_FIELD]);

/** The answers in a quiz form: every field but the form's own (language, sheet, draw, member, token). */
export function answersFrom(form: FormData): Record<string, string> {
  const answers: Record<string, string> = {};
  form.forEach((value, key) => {
    if (!NOT_ANSWERS.has(key) && typeof value === "string") answers[key] = value;
  });
  return answers;
}

/** The sheet as the quiz form holds it: its id, draw, language and who is answering. */
export function sheetFrom(form: FormData) {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  const member = Number(text(QUIZ_FIELDS.member));
  return {
    id: isClientId(text(QUIZ_FIELDS.sheet)) ? text(QUIZ_FIELDS.sheet) : null,
    draw: text(QUIZ_FIELDS.draw) || undefined,
    language: text(QUIZ_FIELDS.language) || "vi",
    member: Number.isInteger(member) && member > 0 ? member : null,
    answers: answersFrom(form),
  };
}

export function isClientId(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9-]{16,64}$/.test(value);
}

/** "350 KB", "1,2 MB": sizes for people, in the reader's number format. */
export function formatBytes(bytes: number, language: string) {
  const n = new Intl.NumberFormat(language === "en" ? "en" : "vi", { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${n.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${n.format(bytes / (1024 * 1024))} MB`;
}

// ---------------------------------------------------------------- guidance events (issue 18)

export const EVENTS_URL = "/events";
export const EVENTS_SYNC_URL = "/api/sync/events";
/** At most this many events in one request. */
export const EVENTS_BATCH = 20;

/** An event as the phone keeps and sends it: the form's own fields (the server checks them as it checks the form). */
export type EventPayload = {
  /** The form's sheet id: the event's identity everywhere. */
  sheet: string;
  date: string;
  place: string;
  skills: string[];
  partners: string[];
  residents: string;
  vneidLevel1: string;
  vneidLevel2: string;
  publicAccounts: string;
  paymentAccounts: string;
  note: string;
  /** The phone's clock when recorded, ISO 8601. */
  deviceTime: string;
};

export type EventSyncItem = { userId: number; event: EventPayload };

export type EventSyncOutcome =
  | { id: string; status: "synced" | "duplicate"; eventId: number }
  /** Refused for good: the message key says why (a day too old, a count out of range). */
  | { id: string; status: "rejected"; error: string }
  | { id: string; status: "other-user" };

/** The member field of the event form: who was signed in when it was sent (for the service worker). */
export const EVENT_MEMBER_FIELD = "member";

/** The event as the form holds it. */
export function eventFrom(form: FormData, deviceTime = new Date().toISOString()): { member: number | null; event: EventPayload } {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  const all = (key: string) => form.getAll(key).filter((v): v is string => typeof v === "string");
  const member = Number(text(EVENT_MEMBER_FIELD));
  return {
    member: Number.isInteger(member) && member > 0 ? member : null,
    event: {
      sheet: text("sheet"),
      date: text("date"),
      place: text("place"),
      skills: all("skills"),
      partners: all("partners"),
      residents: text("residents"),
      vneidLevel1: text("vneidLevel1"),
      vneidLevel2: text("vneidLevel2"),
      publicAccounts: text("publicAccounts"),
      paymentAccounts: text("paymentAccounts"),
      note: text("note"),
      deviceTime,
    },
  };
}
