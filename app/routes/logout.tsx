import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logout } from "~/utils/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  return logout(request);
}

// Signing out is a POST; a plain visit just goes home.
export async function loader() {
  return redirect("/");
}
