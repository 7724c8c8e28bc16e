// The small enhancements of the plain-HTML staff and member pages (issue 16),
// bundled into public/lesson.js with the lesson code. Each one finds its
// elements by a data attribute and does nothing on a page without them; each
// page works without it (the buttons it wires are hidden until it runs).
import { EVENT_MEMBER_FIELD, eventFrom } from "~/offline/protocol";
import {
  listAttempts,
  listEvents,
  offlineStoreAvailable,
  queueEvent,
  savedLessons,
  CHANGED_EVENT,
  type QueuedAttempt,
  type QueuedEvent,
} from "~/offline/store";
import { requestBackgroundSync, syncQueued } from "~/offline/sync";

type Say = (key: string, values?: Record<string, string | number>) => string;

/** − and + beside a number field (results page): one tap per resident helped. */
export function steppers() {
  document.querySelectorAll<HTMLButtonElement>("button[data-step]").forEach((button) => {
    const input = document.getElementById(button.dataset.stepFor ?? "") as HTMLInputElement | null;
    if (!input) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const max = Number(input.max) || Infinity;
      input.value = String(Math.min(max, Math.max(0, (Number(input.value) || 0) + Number(button.dataset.step))));
    });
  });
}

/** "Print" buttons: without a script the browser's own menu prints the page. */
export function printButtons() {
  document.querySelectorAll<HTMLButtonElement>("button[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
}

function node<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const n = document.createElement(tag);
  n.className = className;
  if (text !== undefined) n.textContent = text;
  return n;
}

const BADGE: Record<QueuedAttempt["status"], string> = {
  pending: "border-amber-600 bg-amber-50 text-amber-900",
  synced: "border-brand-700 bg-brand-50 text-brand-800",
  rejected: "border-red-700 bg-red-50 text-red-800",
};

function attemptRow(attempt: QueuedAttempt, say: Say, reasons: Record<string, string>, lang: string) {
  const li = node("li", "py-2");
  li.dataset.attempt = attempt.id;
  li.dataset.status = attempt.status;
  const head = node("p", "flex flex-wrap items-center gap-2");
  head.append(node("span", `rounded-full border-2 px-2 font-bold ${BADGE[attempt.status]}`, say(attempt.status)));
  const link = node("a", "link", attempt.title);
  link.href =
    attempt.status === "synced" && attempt.result ? `/lessons/${attempt.slug}?attempt=${attempt.result.attemptId}#result` : `/lessons/${attempt.slug}`;
  head.append(link);
  li.append(head);
  let detail = "";
  if (attempt.status === "synced" && attempt.result) {
    detail = say(attempt.result.passed ? "passed" : "failed", { score: attempt.result.score });
    if (attempt.result.completed) detail += ` · ${say("completed")}`;
  } else if (attempt.status === "rejected") {
    detail = reasons[attempt.reason ?? "bad-payload"] ?? attempt.reason ?? "";
  } else if (attempt.waiting) {
    const waiting: Record<string, string> = { "other-user": "otherUser", "signed-out": "signedOut", "rate-limited": "rateLimited", "too-large": "tooLarge" };
    detail = say(waiting[attempt.waiting] ?? "signedOut");
  }
  if (detail) li.append(node("p", "mt-1", detail));
  li.append(node("p", "text-stone-600", say("answeredAt", { time: new Date(attempt.deviceTime).toLocaleString(lang) })));
  return li;
}

/**
 * What this phone holds for offline use (the home page): quizzes waiting to be
 * graded, what became of them, and how many lessons are saved. The server
 * renders the section with its words; this fills it from IndexedDB.
 */
export function offlineStatus(userId: number, say: Say, reasons: Record<string, string>, lang: string) {
  const section = document.querySelector<HTMLElement>("[data-offline-status]");
  if (!section || !userId || !offlineStoreAvailable()) return;
  const list = section.querySelector<HTMLElement>("[data-sync-list]")!;
  const summary = section.querySelector<HTMLElement>("[data-sync-summary]")!;
  const offline = section.querySelector<HTMLElement>("[data-sync-offline]")!;
  const send = section.querySelector<HTMLButtonElement>("[data-sync-now]")!;
  const saved = section.querySelector<HTMLElement>("[data-saved-count]")!;
  const hint = section.querySelector<HTMLElement>("[data-save-hint]")!;
  const SHOWN = 10;

  const render = async () => {
    const [attempts, lessons] = await Promise.all([listAttempts(), savedLessons()]).catch(() => [[], []] as [QueuedAttempt[], unknown[]]);
    const mine = attempts.filter((a) => a.userId === userId);
    const count = (status: QueuedAttempt["status"]) => mine.filter((a) => a.status === status).length;
    const pending = count("pending");
    section.hidden = false;
    // One line or the other in the page, never both (a hidden twin would still be found by tests and tools).
    if (mine.length) {
      const counts = node("p", "font-semibold", say("counts", { pending, synced: count("synced"), rejected: count("rejected") }));
      counts.dataset.testid = "sync-counts";
      summary.replaceChildren(counts);
    } else {
      summary.replaceChildren(node("p", "", summary.dataset.empty ?? ""));
    }
    list.replaceChildren(...mine.slice(0, SHOWN).map((a) => attemptRow(a, say, reasons, lang)));
    offline.hidden = !(pending && !navigator.onLine);
    send.hidden = !(pending && navigator.onLine);
    saved.hidden = lessons.length === 0;
    saved.textContent = (saved.dataset.label ?? "").replace("{{count}}", String(lessons.length));
    hint.hidden = lessons.length > 0;
  };
  send.addEventListener("click", () => {
    send.disabled = true;
    send.textContent = say("sending");
    syncQueued(userId).finally(() => {
      send.disabled = false;
      send.textContent = send.dataset.label ?? "";
      render();
    });
  });
  window.addEventListener(CHANGED_EVENT, render);
  window.addEventListener("online", render);
  window.addEventListener("offline", render);
  render();
}

// ---------------------------------------------------------------- guidance events (issue 18)

type EventWords = {
  pending: string;
  synced: string;
  rejected: string;
  otherUser: string;
  signedOut: string;
  residents: string;
  errors: Record<string, string>;
};

/**
 * The guidance-event form: a fresh event id for each new event; with no
 * connection, the event is kept on the phone (the service worker keeps one
 * whose post fails, under the same id) and sent later, once. The list above
 * the form shows what this phone holds for the member signed in now.
 */
export function eventForm(memberNow: () => number) {
  const form = document.querySelector<HTMLFormElement>("form[data-event-form]");
  const section = document.querySelector<HTMLElement>("[data-event-queue]");
  if (!form || !section) return;
  const sheet = form.querySelector<HTMLInputElement>('input[name="sheet"]');
  const member = form.querySelector<HTMLInputElement>(`input[name="${EVENT_MEMBER_FIELD}"]`);
  const fresh = () => {
    if (sheet && crypto.randomUUID) sheet.value = crypto.randomUUID();
  };
  // A page from the phone's copy would otherwise carry an id already used.
  fresh();
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) fresh();
  });
  if (!offlineStoreAvailable()) return;
  const words = JSON.parse(section.dataset.words ?? "{}") as EventWords;
  const list = section.querySelector<HTMLElement>("[data-event-list]")!;
  const render = async () => {
    const me = memberNow();
    const mine = (await listEvents().catch(() => [] as QueuedEvent[])).filter((e) => e.userId === me).slice(0, 10);
    section.hidden = mine.length === 0;
    list.replaceChildren(
      ...mine.map((e) => {
        const li = node("li", "py-2");
        li.dataset.queuedEvent = e.id;
        li.dataset.status = e.status;
        const head = node("p", "flex flex-wrap items-center gap-2");
        head.append(node("span", `rounded-full border-2 px-2 font-bold ${BADGE[e.status]}`, words[e.status]));
        head.append(
          node("span", "font-semibold", `${e.event.date.split("-").reverse().join("/")} · ${words.residents.replace("{{count}}", e.event.residents || "0")}`),
        );
        li.append(head);
        const why =
          e.status === "rejected"
            ? (words.errors[e.error ?? ""] ?? e.error ?? "")
            : e.waiting === "other-user"
              ? words.otherUser
              : e.waiting === "signed-out"
                ? words.signedOut
                : "";
        if (why) li.append(node("p", "mt-1", why));
        return li;
      }),
    );
  };
  form.addEventListener("submit", async (event) => {
    const me = memberNow();
    if (member) member.value = me ? String(me) : "";
    if (navigator.onLine || !me || !crypto.randomUUID) return;
    // No connection: keep it on the phone; the page sends it when the line is back.
    event.preventDefault();
    const { event: payload } = eventFrom(new FormData(form));
    if (!payload.sheet) payload.sheet = crypto.randomUUID();
    await queueEvent({ id: payload.sheet, userId: me, event: payload });
    form.reset();
    fresh();
    await render();
    section.scrollIntoView({ block: "start" });
    requestBackgroundSync();
  });
  window.addEventListener(CHANGED_EVENT, render);
  window.addEventListener("online", render);
  window.addEventListener("offline", render);
  render();
}
