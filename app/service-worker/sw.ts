// The service worker, bundled by app/browser/build.mjs into public/sw.js.
// Precaches only the shell: styles, the page script, the icon and the offline
// page. Lessons the member saves live in their own cache (filled by the page),
// and are served from it when the network fails.
import { ExpirationPlugin } from "workbox-expiration";
import { addPlugins, cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from "workbox-precaching";
import { registerRoute } from "workbox-routing";
import { CacheFirst } from "workbox-strategies";
import { SW_SYNCED_MESSAGE } from "~/offline/client";
import { CACHE, EVENTS_URL, SIGNED_OUT_MESSAGE, SYNC_TAG, eventFrom, memberPageKey, sheetFrom } from "~/offline/protocol";
import { clearCurrentUser, currentUser, queueAttempt, queueEvent, savedLessons } from "~/offline/store";
import { syncQueued } from "~/offline/sync";

// The parts of the service worker scope used here (the project's TypeScript
// library set is the page's, so these are declared rather than imported).
type ExtendableEvent = Event & { waitUntil(promise: Promise<unknown>): void };
type SyncEvent = ExtendableEvent & { tag: string; lastChance?: boolean };
type Scope = {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void>; matchAll(options?: { type?: string }): Promise<Array<{ postMessage(message: unknown): void }>> };
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "sync", listener: (event: SyncEvent) => void): void;
  addEventListener(type: "message", listener: (event: ExtendableEvent & { data: unknown }) => void): void;
};
declare const self: Scope;
/** Filled in by the build: [{ url, revision }] for the shell. */
declare const __PRECACHE__: Array<{ url: string; revision: string | null }>;

const OFFLINE_PAGE = "/offline";
/** A member's own pages kept from the last visit so they open offline: per member, dropped at sign-out. */
const KEEP_LAST_COPY = new Set(["/", "/lessons", EVENTS_URL]);
/** On a weak signal, a saved lesson is shown after this long rather than a blank wait. */
const SLOW_NETWORK_MS = 8000;

self.addEventListener("install", () => {
  self.skipWaiting();
});
self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

// The shell is the same for everyone: fetch it without the session cookie, so
// the offline page never carries the name of whoever was signed in.
addPlugins([{ requestWillFetch: async ({ request }) => new Request(request.url, { credentials: "omit" }) }]);
precacheAndRoute(__PRECACHE__);
cleanupOutdatedCaches();

async function savedCopy(url: URL) {
  const cache = await caches.open(CACHE.lessons);
  return cache.match(url.origin + url.pathname, { ignoreSearch: true, ignoreVary: true });
}

/**
 * Who a page was made for. Every signed-in page marks the body
 * (<body data-session="member">); personal pages also say whose they are
 * (data-user="…"); shared pages (lessons) and guests' pages name nobody.
 */
async function pageOwner(response: Response) {
  const body = (await response.clone().text()).match(/<body[^>]*>/)?.[0] ?? "";
  const user = Number(body.match(/\sdata-user="(\d+)"/)?.[1]);
  return { member: /\sdata-session="member"/.test(body), user: Number.isInteger(user) && user > 0 ? user : null };
}

/** Nobody is signed in any more: the members' own pages go (saved lessons and queued sheets stay). */
async function forgetMembers() {
  await caches.delete(CACHE.pages);
  await clearCurrentUser().catch(() => undefined);
}

async function lastCopy(url: URL) {
  const member = await currentUser().catch(() => null);
  if (!member) return undefined;
  return (await caches.open(CACHE.pages)).match(memberPageKey(url.origin, member, url.pathname), { ignoreSearch: true });
}

async function offlineFallback(url: URL) {
  return (await savedCopy(url)) ?? (await lastCopy(url)) ?? (await matchPrecache(OFFLINE_PAGE)) ?? Response.error();
}

// Pages: the network first (progress must be current); a saved copy when the
// network fails or is very slow; otherwise the offline page. What is kept
// depends on who the page was made for: a saved lesson is refreshed only from a
// member's page (a guest's has no quiz); a member's home and catalogue are kept
// under that member's id, shown offline only while that member is signed in;
// and once the server answers as to a guest (signed out, or the session ended)
// every member's copies are dropped, so a guest offline never sees them.
registerRoute(
  ({ request }) => request.mode === "navigate",
  async ({ request, url, event }) => {
    const saved = await savedCopy(url);
    const network = fetch(request).then(async (response) => {
      if (response.ok && !response.redirected && response.type === "basic") {
        // A fresh copy of a saved lesson replaces the old one (not a result page: those carry ?attempt=).
        const keepSaved = Boolean(saved) && !url.search;
        const keepLast = KEEP_LAST_COPY.has(url.pathname) && !url.search;
        const store = pageOwner(response).then(async (owner) => {
          if (!owner.member) return forgetMembers();
          if (keepSaved && !owner.user) await (await caches.open(CACHE.lessons)).put(url.pathname, response.clone());
          if (keepLast && owner.user) await (await caches.open(CACHE.pages)).put(memberPageKey(url.origin, owner.user, url.pathname), response.clone());
        });
        // The page is read whole anyway when it is kept; otherwise hand it over at once.
        if (keepSaved || keepLast) await store;
        else (event as ExtendableEvent).waitUntil(store.catch(() => undefined));
      }
      return response;
    });
    try {
      if (!saved) return await network;
      (event as ExtendableEvent).waitUntil(network.catch(() => undefined));
      const slow = new Promise<Response>((resolve) => setTimeout(() => resolve(saved), SLOW_NETWORK_MS));
      return await Promise.race([network, slow]);
    } catch {
      return offlineFallback(url);
    }
  },
);

// A form posted by a page goes to the server as usual. Only when the network
// fails is `keep` asked to store what the form said on the phone; a request
// without a form body (nothing to keep) fails as it would have.
function sendOrKeep(keep: (form: FormData, url: URL) => Promise<Response>) {
  return async ({ request, url }: { request: Request; url: URL }) => {
    const copy = request.clone();
    try {
      return await fetch(request);
    } catch (error) {
      const form = await copy.formData().catch(() => null);
      if (!form) throw error;
      return keep(form, url);
    }
  };
}

// Sign-out, by a plain form (a navigation) or by the React pages (a fetch):
// forget the members' pages first, they show the member's data.
registerRoute(
  ({ url }) => url.pathname === "/logout",
  async ({ request }) => {
    await forgetMembers();
    return fetch(request);
  },
  "POST",
);

// A quiz sent while the connection drops (or whose answer is lost on the way
// back): keep the sheet on the phone under its own id, for the member the page
// said was answering, and show the lesson with a note that it will be graded
// once back online. If the server did get it, sending it again is answered
// "duplicate": one sheet is stored once whatever path it takes.
registerRoute(
  ({ request, url }) => request.mode === "navigate" && /^\/lessons\/[a-z0-9-]+$/.test(url.pathname),
  sendOrKeep(async (form, url) => {
    const sheet = sheetFrom(form);
    // Nobody known to be answering (a page without the script): nothing to keep it for.
    const userId = sheet.member ?? (await currentUser().catch(() => null));
    if (!userId || Object.keys(sheet.answers).length === 0) return offlineFallback(url);
    const slug = url.pathname.split("/")[2];
    const id = sheet.id ?? crypto.randomUUID();
    const title = (await savedLessons()).find((l) => l.slug === slug)?.title ?? slug;
    await queueAttempt({ id, userId, slug, language: sheet.language, answers: sheet.answers, draw: sheet.draw, deviceTime: new Date().toISOString(), title });
    return Response.redirect(`${url.origin}/lessons/${slug}?queued=${id}#quiz`, 303);
  }),
  "POST",
);

// A guidance event sent while the connection drops (or whose answer is lost):
// keep it on the phone under its own id, for the member the page said was
// recording, and show the events page (the member's last copy when offline),
// which lists it as waiting. Sent again later, a stored event is recognised.
registerRoute(
  ({ request, url }) => request.mode === "navigate" && url.pathname === EVENTS_URL,
  sendOrKeep(async (form, url) => {
    const { member, event } = eventFrom(form);
    const userId = member ?? (await currentUser().catch(() => null));
    if (!userId || !event.sheet) return offlineFallback(url);
    await queueEvent({ id: event.sheet, userId, event });
    return Response.redirect(`${url.origin}${EVENTS_URL}?queued=${encodeURIComponent(event.sheet)}`, 303);
  }),
  "POST",
);

// Lesson pictures: the saved copy if there is one, else the network.
registerRoute(
  ({ url }) => /^\/lessons\/[a-z0-9-]+\/media\//.test(url.pathname),
  async ({ request, url }) => (await savedCopy(url)) ?? fetch(request),
);

// Fingerprinted build files never change: keep the ones used, so the home page works offline after a visit.
const buildFiles = new CacheFirst({ cacheName: CACHE.assets, plugins: [new ExpirationPlugin({ maxEntries: 60, maxAgeSeconds: 30 * 24 * 3600 })] });
registerRoute(
  ({ url }) => url.pathname.startsWith("/build/"),
  async (options) => {
    try {
      return await buildFiles.handle(options);
    } catch (error) {
      // Offline: the styles a saved lesson was saved with, even if an update has replaced the shell's since.
      const saved = await (await caches.open(CACHE.lessons)).match(options.request, { ignoreVary: true });
      if (saved) return saved;
      throw error;
    }
  },
);
// The page script a saved lesson was saved with (the current one is precached).
registerRoute(
  ({ url }) => url.pathname === "/lesson.js",
  async ({ request }) => (await (await caches.open(CACHE.lessons)).match(request, { ignoreVary: true })) ?? fetch(request),
);

// A page saw that nobody is signed in (see forgetMember in offline/client).
self.addEventListener("message", (event) => {
  if ((event.data as { type?: string } | null)?.type === SIGNED_OUT_MESSAGE) event.waitUntil(forgetMembers());
});

// Background Sync: the browser wakes this up when the phone is back online. It
// sends the sheets of the member signed in last; others wait for their member.
self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    currentUser()
      .then(syncQueued)
      .then(async (summary) => {
        for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage({ type: SW_SYNCED_MESSAGE });
        // Rejecting asks the browser to try again later.
        if (summary.error === "offline" || summary.error === "server" || summary.error === "rate-limited")
          throw new Error(`sync not finished: ${summary.error}`);
      }),
  );
});
