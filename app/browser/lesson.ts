// The one script of the plain-HTML pages (lessons, catalogue, offline page,
// and the staff and member pages that need no React: see ./page.ts),
// built into public/lesson.js. Everything here is an enhancement: the pages
// work without it. Kept small: no framework, only `idb` for IndexedDB.
import { forgetMember, signedInMember, startOfflineSync } from "~/offline/client";
import { CACHE, QUIZ_FIELDS, formatBytes, sheetFrom } from "~/offline/protocol";
import {
  CHANGED_EVENT,
  getAttempt,
  listAttempts,
  markSaved,
  offlineStoreAvailable,
  queueAttempt,
  savedLessons,
  type QueuedAttempt,
  type SavedLesson,
} from "~/offline/store";
import { requestBackgroundSync } from "~/offline/sync";
import { eventForm, offlineStatus, printButtons, steppers } from "./page";

type Strings = Record<string, string> & { reasons: Record<string, string> };

const lang = document.documentElement.lang || "vi";
const stringsElement = document.getElementById("kns-offline-strings");
const strings: Strings = stringsElement ? JSON.parse(stringsElement.textContent || "{}") : { reasons: {} };
/** Whether the server made this page for a signed-in member (saved copies keep the mark; they name nobody). */
const memberPage = document.body.dataset.session === "member";
const offlinePage = Boolean(document.querySelector('[data-testid="offline-page"]'));
/** Who is signed in on this phone right now: read at the moment it matters, never taken from the page. */
const memberNow = () => signedInMember()?.id ?? 0;

function say(key: string, values: Record<string, string | number> = {}) {
  return (strings[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const canKeepOffline = offlineStoreAvailable() && "caches" in window && "serviceWorker" in navigator;

// ---------------------------------------------------------------- read aloud
// With the phone's own speech synthesis, shown only when a voice for the
// lesson's language exists (many cheap phones have a Vietnamese one).
function readAloud() {
  const button = document.querySelector<HTMLButtonElement>("[data-read-aloud]");
  const body = document.querySelector<HTMLElement>("[data-lesson-body]");
  const synth = window.speechSynthesis;
  if (!button || !body || !synth || !window.SpeechSynthesisUtterance) return;
  const voiceLang = button.getAttribute("data-lang") || "vi";
  const startLabel = button.innerHTML;
  const stopLabel = button.getAttribute("data-stop-label") || "Stop";
  let reading = false;
  const done = () => {
    reading = false;
    button.innerHTML = startLabel;
  };
  const setup = () => {
    const voice = synth.getVoices().find((v) => v.lang && v.lang.toLowerCase().startsWith(voiceLang));
    if (!voice) return;
    button.hidden = false;
    button.onclick = () => {
      if (reading) {
        synth.cancel();
        done();
        return;
      }
      const title = document.querySelector("h1");
      const text = (title ? `${title.textContent}. ` : "") + body.innerText;
      // Short chunks: some Android voices stop after about 15 seconds of one utterance.
      const chunks = text.split(/(?<=[.!?:\n])\s+/).filter(Boolean);
      reading = true;
      button.innerHTML = stopLabel;
      chunks.forEach((chunk, i) => {
        const u = new SpeechSynthesisUtterance(chunk);
        u.voice = voice;
        u.lang = voice.lang;
        u.rate = 0.9;
        if (i === chunks.length - 1) u.onend = done;
        synth.speak(u);
      });
    };
  };
  synth.addEventListener?.("voiceschanged", setup);
  setup();
  window.addEventListener("pagehide", () => synth.cancel());
}

// ------------------------------------------------------------- offline quiz
function attemptView(attempt: QueuedAttempt, retry: () => void) {
  const box = el("div", "rounded-xl border-2 p-4 space-y-2");
  box.setAttribute("role", "status");
  box.dataset.testid = "queued-attempt";
  box.dataset.status = attempt.status;
  const time = el("p", "text-stone-600", say("answeredAt", { time: new Date(attempt.deviceTime).toLocaleString(lang) }));
  if (attempt.status === "pending") {
    box.classList.add("border-amber-600", "bg-amber-50");
    box.append(el("p", "font-bold", say("pending")), el("p", "", say("queued")));
    if (attempt.waiting === "other-user") box.append(el("p", "", say("otherUser")));
    else if (attempt.waiting === "signed-out") box.append(el("p", "", say("signedOut")));
    else if (attempt.waiting === "rate-limited") box.append(el("p", "", say("rateLimited")));
    else if (attempt.waiting === "too-large") box.append(el("p", "", say("tooLarge")));
    else if (!navigator.onLine) box.append(el("p", "", say("offlineNow")));
  } else if (attempt.status === "synced" && attempt.result) {
    const r = attempt.result;
    box.classList.add(...(r.passed ? ["border-brand-700", "bg-brand-50"] : ["border-amber-600", "bg-amber-50"]));
    box.append(el("p", "font-bold", `${say("synced")}: ${say(r.passed ? "passed" : "failed", { score: r.score })}`));
    if (r.completed) box.append(el("p", "font-semibold text-brand-800", say("completed")));
    const link = el("a", "link", say("seeResult"));
    link.href = `/lessons/${attempt.slug}?attempt=${r.attemptId}#result`;
    box.append(link);
  } else {
    box.classList.add("border-red-700", "bg-red-50");
    box.append(el("p", "font-bold", `✗ ${say("rejected")}`), el("p", "", strings.reasons?.[attempt.reason ?? ""] ?? attempt.reason ?? ""));
    const again = el("button", "btn-secondary w-full", say("retry"));
    again.type = "button";
    again.onclick = retry;
    box.append(again);
  }
  box.append(time);
  return box;
}

/** A new answer sheet id (see QUIZ_FIELDS.sheet): one per sheet, made once in the page. */
function newSheet(form: HTMLFormElement) {
  const field = form.querySelector<HTMLInputElement>(`input[name="${QUIZ_FIELDS.sheet}"]`);
  if (field && crypto.randomUUID) field.value = crypto.randomUUID();
}

/** What the page shows for the member signed in now: their completion mark (the page itself is shared). */
async function memberMarks(slug: string) {
  if (!memberNow() || !navigator.onLine) return;
  try {
    const response = await fetch(`/api/me?lesson=${encodeURIComponent(slug)}`, { credentials: "same-origin", cache: "no-store" });
    const me = (await response.json()) as { member: number | null; completed: string | null };
    const mark = document.querySelector<HTMLElement>("[data-completed-mark]");
    if (me.member && me.completed && mark) {
      mark.textContent = `· ✓ ${me.completed === "in-person" ? mark.dataset.inPerson : mark.dataset.quiz}`;
      mark.hidden = false;
      document.querySelectorAll<HTMLElement>("[data-already-done]").forEach((node) => (node.hidden = false));
    }
  } catch {
    // Offline or a weak line: the mark is only a courtesy.
  }
}

function offlineQuiz() {
  const article = document.querySelector<HTMLElement>("article[data-lesson]");
  const form = document.querySelector<HTMLFormElement>("[data-quiz-form]");
  if (article) memberMarks(article.dataset.lesson!);
  if (!form) return;
  newSheet(form);
  // Back to a page kept in memory after sending it: the next submission is a new sheet.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) newSheet(form);
  });
  const memberField = form.querySelector<HTMLInputElement>(`input[name="${QUIZ_FIELDS.member}"]`);
  if (!article || !offlineStoreAvailable() || !crypto.randomUUID) {
    form.addEventListener("submit", () => {
      if (memberField) memberField.value = String(memberNow() || "");
    });
    return;
  }
  const slug = article.dataset.lesson!;
  const holder = el("div", "mb-4");
  form.before(holder);
  let shownId = new URL(location.href).searchParams.get("queued");

  const render = async () => {
    const me = memberNow();
    const attempt = shownId ? await getAttempt(shownId) : (await listAttempts()).find((a) => a.slug === slug && a.userId === me && a.status === "pending");
    holder.replaceChildren();
    // Only the answering member's own sheet is shown (a shared phone shows nobody else's).
    if (!attempt || attempt.userId !== me) return;
    shownId = attempt.id;
    holder.append(
      attemptView(attempt, () => {
        shownId = null;
        holder.replaceChildren();
        form.hidden = false;
      }),
    );
    // Answers kept for grading: the form would only invite a second attempt.
    form.hidden = attempt.status === "pending";
  };

  form.addEventListener("submit", async (event) => {
    // Who answers is decided now, by the member signed in on this phone.
    const me = memberNow();
    if (memberField) memberField.value = me ? String(me) : "";
    // Stop a double tap on a slow connection from sending the quiz twice.
    const submit = form.querySelector<HTMLButtonElement>("button[type=submit]");
    // Online, the form posts as always (the service worker keeps the sheet, under the same id, if that fails).
    if (navigator.onLine) {
      if (submit) setTimeout(() => (submit.disabled = true), 0);
      return;
    }
    event.preventDefault();
    if (!me) {
      holder.replaceChildren(el("p", "rounded-xl border-2 border-amber-600 bg-amber-50 p-4 font-semibold", say("signInToAnswer")));
      holder.scrollIntoView({ block: "center" });
      return;
    }
    const sheet = sheetFrom(new FormData(form));
    const id = sheet.id ?? crypto.randomUUID();
    await queueAttempt({
      id,
      userId: me,
      slug,
      language: sheet.language,
      answers: sheet.answers,
      draw: sheet.draw,
      deviceTime: new Date().toISOString(),
      version: article.dataset.version,
      title: document.querySelector("h1")?.textContent ?? slug,
    });
    // The next answers on this page are another sheet.
    newSheet(form);
    shownId = id;
    await render();
    holder.scrollIntoView({ block: "center" });
    requestBackgroundSync();
  });
  window.addEventListener(CHANGED_EVENT, render);
  window.addEventListener("online", render);
  window.addEventListener("offline", render);
  render();
}

/** The offline page shown in place of a lesson that was not saved, after a sheet was kept: say so. */
async function queuedOnOfflinePage() {
  const id = new URL(location.href).searchParams.get("queued");
  const holder = document.querySelector<HTMLElement>('[data-testid="offline-page"]');
  if (!id || !holder || !offlineStoreAvailable()) return;
  const box = el("div", "mb-4");
  holder.prepend(box);
  const render = async () => {
    const attempt = await getAttempt(id);
    box.replaceChildren();
    if (attempt && attempt.userId === memberNow()) box.append(attemptView(attempt, () => location.assign(`/lessons/${attempt.slug}`)));
  };
  window.addEventListener(CHANGED_EVENT, render);
  await render();
}

// -------------------------------------------------------- save for offline
type LessonItem = { slug: string; title: string; bytes: number; version: string; files: string[]; topic: string };

function lessonItems(group: string): LessonItem[] {
  const selector = group === "all" ? "[data-lesson-item]" : `[data-save-group="${group}"] [data-lesson-item]`;
  return [...document.querySelectorAll<HTMLElement>(selector)].map((li) => ({
    slug: li.dataset.lessonItem!,
    title: li.dataset.title ?? "",
    bytes: Number(li.dataset.bytes) || 0,
    version: li.dataset.version ?? "",
    files: (li.dataset.files ?? "").split(" ").filter(Boolean),
    topic: li.closest<HTMLElement>("[data-topic]")?.dataset.topic ?? "",
  }));
}

async function fetchInto(cache: Cache, url: string) {
  const response = await fetch(url, { credentials: "same-origin", cache: "no-cache" });
  // A sign-in page in place of the lesson is not worth keeping.
  if (!response.ok || response.redirected) throw new Error(`${url}: ${response.status}`);
  await cache.put(url, response);
}

async function saveGroup(group: string, status: HTMLElement, button: HTMLButtonElement) {
  const items = lessonItems(group);
  button.disabled = true;
  let done = 0;
  try {
    // Saved lessons should survive the browser clearing space on a full phone.
    await navigator.storage?.persist?.().catch(() => false);
    const cache = await caches.open(CACHE.lessons);
    // What every page needs around it: the styles and this script.
    const frame = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((l) => l.href);
    frame.push(...[...document.querySelectorAll<HTMLScriptElement>("script[src]")].map((s) => s.src));
    for (const url of frame) await fetchInto(cache, url);
    const courseOrder = [...document.querySelectorAll<HTMLElement>("[data-lesson-item]")].map((li) => li.dataset.lessonItem);
    const saved: SavedLesson[] = [];
    for (const item of items) {
      status.textContent = say("saving", { done, total: items.length });
      await fetchInto(cache, `/lessons/${item.slug}`);
      for (const file of item.files) await fetchInto(cache, `/lessons/${item.slug}/media/${file}`);
      saved.push({
        slug: item.slug,
        title: item.title,
        topic: item.topic,
        order: courseOrder.indexOf(item.slug),
        bytes: item.bytes,
        version: item.version,
        savedAt: new Date().toISOString(),
      });
      done++;
    }
    await markSaved(saved);
    const downloaded = Number(button.dataset.downloadBytes) || items.reduce((s, i) => s + i.bytes, 0);
    status.textContent = say("saved", { count: items.length, size: formatBytes(downloaded, lang) });
  } catch (error) {
    status.textContent = (error as Error)?.name === "QuotaExceededError" ? say("storageFull") : say("saveFailed", { done, total: items.length });
  } finally {
    button.disabled = false;
  }
}

async function showSavedState() {
  const saved = new Set((await savedLessons()).map((l) => l.slug));
  document.querySelectorAll<HTMLElement>("[data-save-group]").forEach((group) => {
    const items = lessonItems(group.dataset.saveGroup!);
    const count = items.filter((i) => saved.has(i.slug)).length;
    const status = group.querySelector<HTMLElement>("[data-save-status]");
    if (status && count > 0 && !status.textContent) status.textContent = say("savedState", { saved: count, total: items.length });
  });
}

/**
 * The size on each save button is what saving will download: the lessons, their
 * pictures, and the shared style and script unless this phone already has them.
 */
async function showSizes() {
  const frame = JSON.parse(document.querySelector<HTMLElement>("[data-save-frame]")?.dataset.saveFrame ?? "[]") as Array<{ url: string; bytes: number }>;
  const cache = await caches.open(CACHE.lessons);
  let missing = 0;
  for (const file of frame) if (!(await cache.match(new URL(file.url, location.href).href, { ignoreVary: true }))) missing += file.bytes;
  document.querySelectorAll<HTMLButtonElement>("[data-save]").forEach((button) => {
    const bytes = lessonItems(button.dataset.save!).reduce((sum, i) => sum + i.bytes, 0) + missing;
    if (button.dataset.label) button.textContent = button.dataset.label.replace("{{size}}", formatBytes(bytes, lang));
    button.dataset.downloadBytes = String(bytes);
  });
}

function saveButtons() {
  const buttons = document.querySelectorAll<HTMLButtonElement>("[data-save]");
  if (!buttons.length || !canKeepOffline) return;
  document.querySelectorAll<HTMLElement>("[data-offline-only]").forEach((node) => (node.hidden = false));
  buttons.forEach((button) => {
    const status = button.parentElement!.querySelector<HTMLElement>("[data-save-status]")!;
    button.addEventListener("click", () => saveGroup(button.dataset.save!, status, button).then(showSizes));
  });
  showSizes().catch(() => undefined);
  showSavedState();
}

// ------------------------------------------------------------ offline page
async function savedList() {
  document.querySelector<HTMLButtonElement>("[data-reload]")?.addEventListener("click", () => location.reload());
  const list = document.querySelector<HTMLElement>("[data-saved-list]");
  if (!list || !offlineStoreAvailable()) return;
  const saved = (await savedLessons()).sort((a, b) => a.order - b.order);
  if (!saved.length) return;
  document.querySelectorAll<HTMLElement>("[data-no-saved]").forEach((node) => (node.hidden = true));
  list.replaceChildren(
    ...saved.map((lesson) => {
      const li = el("li", "");
      const a = el("a", "flex min-h-tap items-center py-2 font-semibold text-brand-800 underline", lesson.title);
      a.href = `/lessons/${lesson.slug}`;
      li.append(a);
      return li;
    }),
  );
}

// A print button (certificates): shown where the script runs.
document.querySelectorAll<HTMLButtonElement>("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

readAloud();
offlineQuiz();
saveButtons();
savedList();
queuedOnOfflinePage();
// The staff and member pages that are plain HTML too (issue 16).
steppers();
printButtons();
const member = memberNow();
offlineStatus(member, say, strings.reasons ?? {}, lang);
eventForm(memberNow);
// A page the server made for nobody while the phone still says someone is signed in: the
// session ended (or they signed out elsewhere). Forget them, as every sign-out does.
if (!memberPage && !offlinePage && member && navigator.onLine) forgetMember();
else if (member) startOfflineSync(member);
