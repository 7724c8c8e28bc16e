// What a phone sends when it syncs what it kept offline (quiz sheets, guidance events): one
// reading of the request for every sync endpoint. JSON only (a form on another site cannot
// send it), signed in, a bounded list, and the per-member sync limit. The device keeps
// whatever is refused here (401, 413, 429) and sends it again later.
import { json } from "@remix-run/node";
import { reserveTry, syncLimit } from "~/models/rate-limit.server";
import { getUser, type SessionUser } from "./auth.server";
import { readJson } from "./request-body.server";

export const noStore = { "Cache-Control": "no-store" };

/** The signed-in user and the list under `field` (at most `max` items), or the answer refusing the request. */
export async function readSyncBatch(request: Request, field: string, max: number): Promise<{ user: SessionUser; items: unknown[] } | Response> {
  if (request.method !== "POST") return json({ error: "method" }, { status: 405, headers: noStore });
  const user = await getUser(request);
  if (!user) return json({ error: "signed-out" }, { status: 401, headers: noStore });
  if (!request.headers.get("Content-Type")?.startsWith("application/json")) return json({ error: "json-only" }, { status: 415, headers: noStore });
  const body = await readJson(request);
  const items = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (!Array.isArray(items)) return json({ error: "bad-payload" }, { status: 400, headers: noStore });
  if (items.length > max) return json({ error: "too-many", max }, { status: 413, headers: noStore });
  const { wait } = await reserveTry([syncLimit(user.id)]);
  if (wait > 0) return json({ error: "rate-limited", minutes: wait }, { status: 429, headers: noStore });
  return { user, items };
}
