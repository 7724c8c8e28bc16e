import { useRouteLoaderData } from "@remix-run/react";
import type { RootLoader } from "~/root";
import { CSRF_FIELD } from "~/utils/csrf";

/**
 * The double-submit token as a hidden field. Browsers that send an Origin
 * header (all current ones) do not need it; an old one that sends none proves
 * with it that the form came from one of our pages (see request-guard.server).
 */
export function CsrfField() {
  const token = useRouteLoaderData<RootLoader>("root")?.csrf;
  return token ? <input type="hidden" name={CSRF_FIELD} value={token} /> : null;
}
