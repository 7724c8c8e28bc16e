import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getCourse } from "~/content/course.server";
import { MAX_ATTEMPTS_PER_REQUEST, syncAttempts } from "~/models/sync.server";
import type { SyncResponse } from "~/offline/protocol";
import { getUser } from "~/utils/auth.server";

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
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ error: "bad-json" }, { status: 400, headers: noStore });
  }
  const attempts = typeof body === "object" && body !== null ? (body as { attempts?: unknown }).attempts : undefined;
  if (!Array.isArray(attempts)) return json({ error: "bad-payload" }, { status: 400, headers: noStore });
  if (attempts.length > MAX_ATTEMPTS_PER_REQUEST) return json({ error: "too-many", max: MAX_ATTEMPTS_PER_REQUEST }, { status: 413, headers: noStore });
  const results = await syncAttempts(user.id, attempts, await getCourse());
  return json<SyncResponse>({ results }, { headers: noStore });
}

export function loader() {
  return json({ error: "method" }, { status: 405, headers: noStore });
}
