import { forbidden, requireRole } from "./auth.server";

/** Every /admin page: an admin with a scope unit; anyone else gets 403 (or sign-in). */
export async function requireAdmin(request: Request) {
  const user = await requireRole(request, ["admin"]);
  if (!user.scopeUnit) forbidden();
  // The signed-in user is the actor the admin models take (one user type).
  return { user, actor: user, scope: user.scopeUnit };
}
