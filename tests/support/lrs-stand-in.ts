// A small Learning Record Store for tests: POST /xapi/statements on 127.0.0.1.
// It checks what a real LRS checks (the X-Experience-API-Version header, Basic
// authentication, JSON, each statement valid xAPI 1.0.3, no id twice in a
// batch), keeps each statement once by id as the specification requires, and
// fails on demand: answers 5xx, stores and then drops the connection (the
// answer is lost), refuses some statements with 400, or holds a request open.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { validateStatement } from "../../app/xapi/validate";

type Statement = { id: string; [key: string]: unknown };
export type Failure =
  { kind: "status"; status: number; body?: string; retryAfter?: number } | { kind: "store-then-drop" } | { kind: "hang" } | { kind: "as-usual" };

export type StandInOptions = {
  key?: string;
  secret?: string;
  /** What to answer a statement whose id is already stored: 200 and keep the old one (default), or 409 for the whole batch. */
  duplicates?: "ignore" | "conflict";
  port?: number;
};

export class LrsStandIn {
  readonly key: string;
  readonly secret: string;
  /** Statements kept, by id: each exactly once. */
  readonly stored = new Map<string, string>();
  /** How many times each id arrived, whatever happened to it. */
  readonly received = new Map<string, number>();
  /** How many times each id arrived in a batch the LRS accepted (stored, or already held): more than once only when an answer was lost. */
  readonly delivered = new Map<string, number>();
  /** Every request: its status and how many statements it carried. */
  readonly requests: Array<{ status: number | "dropped" | "hung"; statements: number }> = [];
  private failures: Failure[] = [];
  private refuse: ((s: Statement) => string | null) | null = null;
  private hung: Array<() => void> = [];
  private server: http.Server | null = null;
  url = "";

  constructor(private options: StandInOptions = {}) {
    this.key = options.key ?? "kns-test";
    this.secret = options.secret ?? "bí-mật-thử";
  }

  async start() {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.options.port ?? 0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/xapi`;
    return this;
  }

  async stop() {
    this.releaseHung();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next requests fail, in this order, before any is looked at ("as-usual" lets one through). */
  failNext(...failures: Failure[]) {
    this.failures.push(...failures);
  }

  /** Refuses (400, whole batch) any batch with a statement this names a reason for; null lifts it. */
  refuseWhere(rule: ((s: Statement) => string | null) | null) {
    this.refuse = rule;
  }

  /** Answers the requests held open (as 503). */
  releaseHung() {
    for (const release of this.hung.splice(0)) release();
  }

  get inFlight() {
    return this.hung.length;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    let statements: Statement[] = [];
    try {
      const parsed = JSON.parse(text) as Statement | Statement[];
      statements = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      statements = [];
    }
    for (const s of statements) if (s && typeof s.id === "string") this.received.set(s.id, (this.received.get(s.id) ?? 0) + 1);
    const log = (status: number | "dropped" | "hung") => this.requests.push({ status, statements: statements.length });

    const failure = this.failures.shift();
    if (failure?.kind === "status") {
      log(failure.status);
      if (failure.retryAfter) res.setHeader("Retry-After", String(failure.retryAfter));
      return answer(failure.status, failure.body ?? { error: `Service unavailable (test ${failure.status})` });
    }
    if (failure?.kind === "hang") {
      log("hung");
      await new Promise<void>((resolve) => this.hung.push(resolve));
      return answer(503, { error: "released" });
    }

    if (req.method !== "POST" || req.url !== "/xapi/statements") return (log(404), answer(404, { error: "Not found" }));
    if (req.headers["x-experience-api-version"] !== "1.0.3") return (log(400), answer(400, { error: "X-Experience-API-Version 1.0.3 expected" }));
    const expected = `Basic ${Buffer.from(`${this.key}:${this.secret}`).toString("base64")}`;
    if (req.headers.authorization !== expected) return (log(401), answer(401, { error: "Unauthorized" }));
    if (!String(req.headers["content-type"]).startsWith("application/json")) return (log(400), answer(400, { error: "application/json expected" }));
    if (statements.length === 0) return (log(400), answer(400, { error: "No statements, or not JSON" }));
    const problems = statements.flatMap((s, i) => validateStatement(s).problems.map((p) => `[${i}] ${p}`));
    if (statements.some((s) => typeof s.id !== "string")) problems.push("every statement needs its id here");
    if (new Set(statements.map((s) => s.id)).size !== statements.length) problems.push("the same id twice in one batch");
    if (problems.length) return (log(400), answer(400, { error: problems.join("; ") }));
    const refused = this.refuse ? statements.map((s) => this.refuse!(s)).find(Boolean) : null;
    if (refused) return (log(400), answer(400, { error: refused }));
    const known = statements.filter((s) => this.stored.has(s.id));
    // An id already stored with other content is a conflict in any mode (xAPI Communication 2.1.2).
    if (known.some((s) => this.stored.get(s.id) !== JSON.stringify(s)) || (known.length && this.options.duplicates === "conflict")) {
      return (log(409), answer(409, { error: `Conflict: ${known.map((s) => s.id).join(", ")} already stored` }));
    }
    // The batch is all or nothing: stored only once every statement passed.
    for (const s of statements) {
      if (!this.stored.has(s.id)) this.stored.set(s.id, JSON.stringify(s));
      this.delivered.set(s.id, (this.delivered.get(s.id) ?? 0) + 1);
    }
    if (failure?.kind === "store-then-drop") {
      log("dropped");
      req.socket.destroy();
      return;
    }
    log(200);
    return answer(
      200,
      statements.map((s) => s.id),
    );
  }
}
