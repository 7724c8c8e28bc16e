import { forbidden, requireRole } from "./auth.server";
import { actorOf } from "./admin-action.server";

/** Every /admin page: an admin with a scope unit; anyone else gets 403 (or sign-in). */
export async function requireAdmin(request: Request) {
  const user = await requireRole(request, ["admin"]);
  if (!user.scopeUnit) forbidden();
  return { user, actor: actorOf(user), scope: user.scopeUnit };
}
