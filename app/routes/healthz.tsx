import { json } from "@remix-run/node";
import { prisma } from "~/utils/db.server";

/** For uptime checks: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const started = Date.now();
  try {
    await prisma.$queryRaw`SELECT 1`;
    return json({ status: "ok", database: "ok", ms: Date.now() - started }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return json({ status: "error", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
