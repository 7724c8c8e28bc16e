// The service worker, bundled by app/browser/build.mjs into public/sw.js.
// Precaches only the shell: styles, the page script, the icon and the offline
// page. Lessons the member saves live in their own cache (filled by the page),
// and are served from it when the network fails.
import { ExpirationPlugin } from "workbox-expiration";
import { addPlugins, cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from "workbox-precaching";
import { registerRoute } from "workbox-routing";
import { CacheFirst } from "workbox-strategies";
import { SW_SYNCED_MESSAGE } from "~/offline/client";
import { CACHE, SYNC_TAG, answersFrom } from "~/offline/protocol";
import { currentUser, queueAttempt, savedLessons } from "~/offline/store";
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
};
declare const self: Scope;
/** Filled in by the build: [{ url, revision }] for the shell. */
declare const __PRECACHE__: Array<{ url: string; revision: string | null }>;

const OFFLINE_PAGE = "/offline";
/** Pages kept from the last visit so they open offline; they hold personal data, so sign-out clears them. */
const KEEP_LAST_COPY = new Set(["/", "/lessons"]);
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
 * Whether a page was made for a signed-in member: the root layout marks the
 * body with the member's id (<body data-user="…">); a guest's page has no mark.
 */
async function isMemberPage(response: Response) {
  return /<body[^>]*\sdata-user="\d+"/.test(await response.clone().text());
}

async function offlineFallback(url: URL) {
  return (
    (await savedCopy(url)) ??
    (await (await caches.open(CACHE.pages)).match(url.origin + url.pathname, { ignoreSearch: true })) ??
    (await matchPrecache(OFFLINE_PAGE)) ??
    Response.error()
  );
}

// Pages: the network first (progress must be current); a saved copy when the
// network fails or is very slow; otherwise the offline page. Lessons are open
// to guests, so what is kept depends on who the page was made for: a guest's
// page never replaces a member's saved lesson, and once the server answers as
// to a guest (signed out, or the session ended) the last copies of members'
// pages are dropped, so a guest offline never sees them.
registerRoute(
  ({ request }) => request.mode === "navigate",
  async ({ request, url, event }) => {
    const saved = await savedCopy(url);
    const network = fetch(request).then(async (response) => {
      if (response.ok && !response.redirected && response.type === "basic") {
        // A fresh copy of a saved lesson replaces the old one (not a result page: those carry ?attempt=).
        const keepSaved = Boolean(saved) && !url.search;
        const keepLast = KEEP_LAST_COPY.has(url.pathname);
        if (keepSaved || keepLast) {
          // The page is stored whole anyway, so reading it first delays nothing.
          const member = await isMemberPage(response);
          if (!member) await caches.delete(CACHE.pages);
          if (keepSaved && member) await (await caches.open(CACHE.lessons)).put(url.pathname, response.clone());
          if (keepLast) await (await caches.open(CACHE.pages)).put(url.pathname, response.clone());
        } else {
          // Any other page: hand it over at once, and drop the members' copies afterwards if it was a guest's.
          const check = isMemberPage(response).then((member) => (member ? undefined : caches.delete(CACHE.pages)));
          (event as ExtendableEvent).waitUntil(check.catch(() => undefined));
        }
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

// Sign-out: forget the pages kept for offline use, they show the member's data.
registerRoute(
  ({ request, url }) => request.mode === "navigate" && url.pathname === "/logout",
  async ({ request }) => {
    await caches.delete(CACHE.pages);
    return fetch(request);
  },
  "POST",
);

// A quiz sent while the connection drops: keep the answers on the phone and
// show the lesson with a note that it will be graded once back online.
registerRoute(
  ({ request, url }) => request.mode === "navigate" && /^\/lessons\/[a-z0-9-]+$/.test(url.pathname),
  async ({ request, url }) => {
    const copy = request.clone();
    try {
      return await fetch(request);
    } catch (error) {
      const userId = await currentUser();
      if (!userId) throw error;
      const form = await copy.formData();
      const slug = url.pathname.split("/")[2];
      const answers = answersFrom(form);
      const id = crypto.randomUUID();
      const title = (await savedLessons()).find((l) => l.slug === slug)?.title ?? slug;
      await queueAttempt({ id, userId, slug, language: String(form.get("language") || "vi"), answers, deviceTime: new Date().toISOString(), title });
      return Response.redirect(`${url.origin}/lessons/${slug}?queued=${id}#quiz`, 303);
    }
  },
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

// Background Sync: the browser wakes this up when the phone is back online.
self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    syncQueued().then(async (summary) => {
      for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage({ type: SW_SYNCED_MESSAGE });
      // Rejecting asks the browser to try again later.
      if (summary.error === "offline" || summary.error === "server") throw new Error(`sync not finished: ${summary.error}`);
    }),
  );
});
