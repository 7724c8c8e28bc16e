import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireAdmin } from "~/utils/admin-guard.server";

// The unit pages start at the top of the admin's own scope.
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireAdmin(request);
  return redirect(`/admin/units/${scope.id}`);
}
