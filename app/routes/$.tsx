import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: "errors.notFoundTitle" };

// Any address no other route claims: a real 404 page in the site's shell.
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
