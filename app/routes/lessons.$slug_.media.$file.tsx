import fs from "node:fs";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCourse } from "~/content/course.server";
import { notFound } from "~/utils/auth.server";

const TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp" };

/**
 * A lesson's pictures. Public like any static file (they carry no personal
 * data), and only files the lesson itself references are served.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const course = await getCourse();
  const lesson = params.slug ? course.bySlug.get(params.slug) : undefined;
  const file = params.file ?? "";
  const type = TYPES[path.extname(file)];
  if (!lesson || !type || !lesson.figures.includes(file)) notFound();
  const etag = `"${lesson.version}-${file}"`;
  const headers = {
    "Content-Type": type,
    "Cache-Control": "public, max-age=86400, stale-while-revalidate=604800",
    ETag: etag,
    // An SVG opened on its own must not run anything.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(fs.readFileSync(path.join(lesson.dir, file)), { headers });
}
