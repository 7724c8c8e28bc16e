import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getCourse } from "~/content/course.server";
import { MAX_ATTEMPTS_PER_REQUEST, syncAttempts } from "~/models/sync.server";
import type { SyncResponse } from "~/offline/protocol";
import { noStore, readSyncBatch } from "~/utils/sync-batch.server";
import type { BodyLimitHandle } from "~/utils/request-guard.server";

/** 100 attempts of a long quiz fit in well under 256 KB. */
export const handle: BodyLimitHandle = { bodyLimit: 256 * 1024 };

/**
 * POST { attempts: AttemptPayload[] } → { results: AttemptOutcome[] }.
 * Only JSON is accepted: a form on another site cannot send it, so the
 * session cookie alone cannot be used to submit on a member's behalf.
 */
export async function action({ request }: ActionFunctionArgs) {
  const batch = await readSyncBatch(request, "attempts", MAX_ATTEMPTS_PER_REQUEST);
  if (batch instanceof Response) return batch;
  const { user, items: attempts } = batch;
  const results = await syncAttempts(user.id, attempts, await getCourse());
  return json<SyncResponse>({ results }, { headers: noStore });
}

export function loader() {
  return json({ error: "method" }, { status: 405, headers: noStore });
}
