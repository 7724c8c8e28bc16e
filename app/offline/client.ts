// Starts the device's side of offline work on any page: remembers who is
// signed in (the service worker needs it), sends the member's queued sheets on
// page load, when the phone is back online, and again with backoff while the
// page stays open; and forgets the last member's pages at sign-out.
import { MEMBER_COOKIE, parseMemberHint, type MemberHint } from "~/utils/member-hint";
import { CACHE, RETRY_DELAYS_MS, SIGNED_OUT_MESSAGE } from "./protocol";
import { CHANGED_EVENT, clearCurrentUser, offlineStoreAvailable, setCurrentUser } from "./store";
import { hasPending, requestBackgroundSync, syncQueued } from "./sync";

export const SW_SYNCED_MESSAGE = "kns-synced";

/** The member signed in on this browser now (the hint cookie), or null. */
export function signedInMember(): MemberHint | null {
  return typeof document === "undefined" ? null : parseMemberHint(document.cookie);
}

/**
 * Nobody is signed in (any sign-out path, or a session that ended): drop the
 * kept copies of members' pages, the service worker's idea of who is signed in,
 * and the hint. Saved lessons and queued sheets stay: they are not personal
 * pages, and each sheet waits for the member who answered it.
 */
export async function forgetMember() {
  if (typeof document === "undefined") return;
  if (document.cookie.includes(`${MEMBER_COOKIE}=`)) document.cookie = `${MEMBER_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  navigator.serviceWorker?.controller?.postMessage({ type: SIGNED_OUT_MESSAGE });
  await Promise.all([
    "caches" in window ? caches.delete(CACHE.pages).catch(() => false) : false,
    offlineStoreAvailable() ? clearCurrentUser().catch(() => undefined) : undefined,
  ]);
}

export function startOfflineSync(userId: number) {
  if (!offlineStoreAvailable()) return () => {};
  const hint = signedInMember();
  // The page says who it was made for; the hint cookie carries when the session ends.
  setCurrentUser({ id: userId, until: hint?.id === userId ? hint.until : Date.now() + 24 * 3600_000 }).catch(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(run, ms);
  };
  function run() {
    clearTimeout(timer);
    if (!navigator.onLine) return;
    syncQueued(userId).then(async (summary) => {
      if (summary.error === "rate-limited" && summary.retryInMs) {
        schedule(summary.retryInMs);
      } else if (summary.error === "offline" || summary.error === "server") {
        // Still unconfirmed (the connection dropped again): the browser may retry in the
        // background, and while this page is open it tries again itself, less and less often.
        requestBackgroundSync();
        schedule(RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)]);
        failures++;
      } else {
        failures = 0;
        if (await hasPending(userId).catch(() => false)) schedule(RETRY_DELAYS_MS[0]);
      }
    });
  }
  if (navigator.onLine) run();
  const online = () => {
    failures = 0;
    run();
  };
  window.addEventListener("online", online);
  // The service worker synced in the background: redraw what shows the queue.
  const onMessage = (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === SW_SYNCED_MESSAGE) window.dispatchEvent(new Event(CHANGED_EVENT));
  };
  navigator.serviceWorker?.addEventListener("message", onMessage);
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener("online", online);
    navigator.serviceWorker?.removeEventListener("message", onMessage);
  };
}
