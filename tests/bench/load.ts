// Measures requests per second against a local server: wrk when it is
// installed (apt-get install wrk; a C client that barely loads the machine),
// autocannon otherwise. Loopback only.
import { execFileSync, spawnSync } from "node:child_process";
import autocannon from "autocannon";

const hasWrk = (() => {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
    return true;
  } catch (error) {
    // wrk prints its version and exits 1; only a missing binary throws ENOENT.
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
})();

export const loadTool = hasWrk ? "wrk" : "autocannon";

export async function requestsPerSecond(url: string, options: { seconds: number; cookie?: string; connections?: number; encoding?: string }) {
  const connections = options.connections ?? 10;
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.encoding) headers["accept-encoding"] = options.encoding;
  if (hasWrk) {
    const args = ["-t1", `-c${connections}`, `-d${options.seconds}s`];
    for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}: ${value}`);
    const out = spawnSync("wrk", [...args, url], { encoding: "utf8" }).stdout;
    const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0);
    const errors = Number(out.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0);
    return { rps, errors };
  }
  const result = await autocannon({ url, connections, duration: options.seconds, headers });
  return { rps: result.requests.average, errors: result.errors + result.non2xx };
}

/** Warms each URL up, then measures them in turn for a few rounds; medians. */
export async function compare(targets: Array<{ name: string; url: string; cookie?: string; encoding?: string }>, seconds: number, rounds = 3) {
  for (const t of targets) await requestsPerSecond(t.url, { seconds: 2, cookie: t.cookie, encoding: t.encoding });
  const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  let errors = 0;
  for (let round = 0; round < rounds; round++) {
    for (const t of targets) {
      const r = await requestsPerSecond(t.url, { seconds, cookie: t.cookie, encoding: t.encoding });
      samples.get(t.name)!.push(r.rps);
      errors += r.errors;
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { medians: new Map([...samples].map(([k, v]) => [k, median(v)])), samples, errors };
}
