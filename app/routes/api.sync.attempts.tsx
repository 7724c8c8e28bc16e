import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getCourse } from "~/content/course.server";
import { MAX_ATTEMPTS_PER_REQUEST, syncAttempts } from "~/models/sync.server";
import type { SyncResponse } from "~/offline/protocol";
import { getUser } from "~/utils/auth.server";
import { reserveTry, syncLimit } from "~/models/rate-limit.server";
import { readJson } from "~/utils/request-body.server";
import type { BodyLimitHandle } from "~/utils/request-guard.server";

/** 100 attempts of a long quiz fit in well under 256 KB. */
export const handle: BodyLimitHandle = { bodyLimit: 256 * 1024 };

const noStore = { "Cache-Control": "no-store" };

/**
 * POST { attempts: AttemptPayload[] } → { results: AttemptOutcome[] }.
 * Only JSON is accepted: a form on another site cannot send it, so the
 * session cookie alone cannot be used to submit on a member's behalf.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "method" }, { status: 405, headers: noStore });
  const user = await getUser(request);
  // The device keeps its attempts and tries again after sign-in.
  if (!user) return json({ error: "signed-out" }, { status: 401, headers: noStore });
  if (!request.headers.get("Content-Type")?.startsWith("application/json")) return json({ error: "json-only" }, { status: 415, headers: noStore });
  const body = await readJson(request);
  const attempts = typeof body === "object" && body !== null ? (body as { attempts?: unknown }).attempts : undefined;
  if (!Array.isArray(attempts)) return json({ error: "bad-payload" }, { status: 400, headers: noStore });
  if (attempts.length > MAX_ATTEMPTS_PER_REQUEST) return json({ error: "too-many", max: MAX_ATTEMPTS_PER_REQUEST }, { status: 413, headers: noStore });
  // The device keeps what was refused here (429, 413) and sends it again later.
  const { wait } = await reserveTry([syncLimit(user.id)]);
  if (wait > 0) return json({ error: "rate-limited", minutes: wait }, { status: 429, headers: noStore });
  const results = await syncAttempts(user.id, attempts, await getCourse());
  return json<SyncResponse>({ results }, { headers: noStore });
}

export function loader() {
  return json({ error: "method" }, { status: 405, headers: noStore });
}
