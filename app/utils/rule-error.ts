// A rule the request broke (wrong level, outside scope...). The key is a
// translation key, so the route shows it in the reader's language.
export class RuleError extends Error {
  constructor(
    public key: string,
    public params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = "RuleError";
  }
}

/** The translated message of a rule error, for a route's action data. */
export function ruleErrorReply(error: unknown) {
  if (error instanceof RuleError) return { key: error.key, params: error.params };
  throw error;
}
