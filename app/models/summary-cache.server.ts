// National figures that do not depend on the period (households, villages,
// teams and members per level, Zalo groups, subtree counters) cost a scan of
// the unit tree: 100,000 units for the country. They change only when the tree
// does, so each is kept here once computed, stamped with the versions of what
// it read (table SummaryVersion, bumped by database triggers on every write to
// units, teams, levels, team moves and products put online, and when a team's
// last activity nears the 90-day line, whatever code or process writes). A request reads the stamp (one row) and reuses the figure
// while the stamp is unchanged (issue 20). The stamp lives in the database, so several app
// servers on one PostgreSQL each keep their own copy and none serves another's stale one.
import { sql } from "~/utils/db.server";

export type SummarySource = "tree" | "products" | "activity";

const MAX_ENTRIES = 5000;
const entries = new Map<string, { stamp: string; value: unknown }>();

async function stampOf(sources: readonly SummarySource[]) {
  const parts: number[] = [];
  for (const source of sources) {
    const row = await sql(`SELECT version FROM SummaryVersion WHERE name = ?`).get<{ version: number }>(source);
    if (!row) return null;
    parts.push(Number(row.version));
  }
  return parts.join(":");
}

/**
 * The value `compute` gives for `key`, computed again only when a source it
 * reads has changed since. Read the stamp before computing: a write landing in
 * between makes the next request compute again, never serves a stale value.
 */
export async function cachedSummary<T>(sources: readonly SummarySource[], key: string, compute: () => T | Promise<T>): Promise<T> {
  const stamp = await stampOf(sources);
  const id = `${sources.join("+")}|${key}`;
  const hit = entries.get(id);
  if (stamp !== null && hit && hit.stamp === stamp) return hit.value as T;
  const value = await compute();
  if (stamp === null) return value;
  // Oldest first out: a country has a few thousand units anyone reports on.
  if (!hit && entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(id, { stamp, value });
  return value;
}
