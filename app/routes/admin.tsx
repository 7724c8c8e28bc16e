import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { AdminNav } from "~/components/admin-nav";
import { requireAdmin } from "~/utils/admin-guard.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: "pageTitles.admin" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

export default function AdminLayout() {
  return (
    <div>
      <AdminNav />
      <Outlet />
    </div>
  );
}
