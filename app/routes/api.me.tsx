import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { completionOf } from "~/models/quiz.server";
import { getUser, memberHintCookie } from "~/utils/auth.server";
import { parseMemberHint } from "~/utils/member-hint";

/**
 * GET /api/me?lesson=<slug> → { member, completed }: what a shared page (a
 * lesson, the same for every member) shows for the member signed in now. Never
 * cached, so it always answers for whoever holds the session.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const slug = new URL(request.url).searchParams.get("lesson");
  const completed = user && slug && /^[a-z0-9-]{1,100}$/.test(slug) ? ((await completionOf(user.id, slug))?.method ?? null) : null;
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  // A session from before the hint existed: give the page scripts their hint now.
  if (user && parseMemberHint(request.headers.get("Cookie") ?? "")?.id !== user.id) headers.append("Set-Cookie", memberHintCookie(user.id));
  return json({ member: user ? user.id : null, completed }, { headers });
}
