import { GeneralErrorBoundary } from "~/components/error-boundary";

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
