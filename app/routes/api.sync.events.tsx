import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { recordEvent } from "~/models/guidance-event.server";
import { EVENTS_BATCH, isClientId, type EventSyncOutcome } from "~/offline/protocol";
import { attempt } from "~/utils/rule-error";
import { noStore, readSyncBatch } from "~/utils/sync-batch.server";

/**
 * POST { events: [{ userId, event }] } → { results: EventSyncOutcome[] }: the
 * guidance events a phone kept offline (issue 18). JSON only, like the quiz
 * sync. Each event is stored once by its id; one that fails its checks is
 * refused alone, with the message key, never the batch.
 */
export async function action({ request }: ActionFunctionArgs) {
  const batch = await readSyncBatch(request, "events", EVENTS_BATCH);
  if (batch instanceof Response) return batch;
  const { user, items: events } = batch;
  const results: EventSyncOutcome[] = [];
  for (const item of events) {
    const { userId, event } = (typeof item === "object" && item !== null ? item : {}) as { userId?: unknown; event?: unknown };
    const sheet = typeof event === "object" && event !== null ? (event as { sheet?: unknown }).sheet : undefined;
    const id = isClientId(sheet) ? sheet : "";
    if (userId !== user.id) {
      results.push(Number.isInteger(userId) ? { id, status: "other-user" } : { id, status: "rejected", error: "errors.badRequest" });
      continue;
    }
    // A member without a team cannot record events: refused, not an error page.
    if (!user.team) {
      results.push({ id, status: "rejected", error: "events.noTeam" });
      continue;
    }
    // One event refused by a rule is answered with its reason; the others go on.
    const outcome = await attempt(() => recordEvent(user, event));
    results.push(
      outcome.error
        ? { id, status: "rejected", error: outcome.error.key }
        : { id, status: outcome.value.status === "created" ? "synced" : "duplicate", eventId: outcome.value.id },
    );
  }
  return json({ results }, { headers: noStore });
}

export function loader() {
  return json({ error: "method" }, { status: 405, headers: noStore });
}
