import { useRouteLoaderData } from "@remix-run/react";
import type { RootLoader } from "~/root";

/**
 * The small script of the plain-HTML pages (public/lesson.js: offline sync,
 * steppers, print buttons, the home's offline status). A page that sets
 * `handle: { hydrate: false }` and has anything for it to do renders this once.
 */
export function PageScript() {
  const data = useRouteLoaderData<RootLoader>("root");
  return data?.pageScript ? <script src={data.pageScript} defer /> : null;
}
