// Starts the device's side of offline work on any page: remembers who is
// signed in (the service worker needs it) and sends queued quizzes on page
// load and whenever the phone is back online.
import { CHANGED_EVENT, offlineStoreAvailable, setCurrentUser } from "./store";
import { requestBackgroundSync, syncQueued } from "./sync";

export const SW_SYNCED_MESSAGE = "kns-synced";

export function startOfflineSync(userId: number) {
  if (!offlineStoreAvailable()) return () => {};
  const run = () => {
    syncQueued().then((summary) => {
      // Still unconfirmed (e.g. the connection dropped again): let the browser retry.
      if (summary.error === "offline" || summary.error === "server") requestBackgroundSync();
    });
  };
  setCurrentUser(userId).catch(() => {});
  if (navigator.onLine) run();
  window.addEventListener("online", run);
  // The service worker synced in the background: redraw what shows the queue.
  const onMessage = (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === SW_SYNCED_MESSAGE) window.dispatchEvent(new Event(CHANGED_EVENT));
  };
  navigator.serviceWorker?.addEventListener("message", onMessage);
  return () => {
    window.removeEventListener("online", run);
    navigator.serviceWorker?.removeEventListener("message", onMessage);
  };
}
