// What the device and the server say to each other about offline work. Shared
// by the service worker, the lesson-page script, the home page and the server.
import { CSRF_FIELD } from "~/utils/csrf";

export const CACHE = {
  /** Lessons the member saved (pages, pictures and what the pages need). */
  lessons: "kns-lessons",
  /** The last copy of the home page and the catalogue, for opening offline. */
  pages: "kns-pages",
  /** Fingerprinted build files (scripts of the React pages), immutable. */
  assets: "kns-assets",
} as const;

export const SYNC_URL = "/api/sync/attempts";
export const SYNC_TAG = "kns-sync-attempts";
/** At most this many attempts in one request; the device sends more in turns. */
export const SYNC_BATCH = 50;

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
};

export type RejectReason = "bad-payload" | "lesson-gone" | "not-yours" | "quiz-changed";

export type AttemptOutcome =
  | { id: string; status: "synced" | "duplicate"; attemptId: number; correct: number; total: number; score: number; passed: boolean; completed: boolean }
  | { id: string; status: "rejected"; reason: RejectReason }
  /** Answered by another account on this device: kept until that account signs in. */
  | { id: string; status: "other-user" };

export type SyncResponse = { results: AttemptOutcome[] };

/** The answers in a quiz form: every field but the language and the form's token. */
export function answersFrom(form: FormData): Record<string, string> {
  const answers: Record<string, string> = {};
  form.forEach((value, key) => {
    if (key !== "language" && key !== CSRF_FIELD && typeof value === "string") answers[key] = value;
  });
  return answers;
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
