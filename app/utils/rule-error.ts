// How a model says no, and how a route tells the reader.
//
// The convention: a model that refuses a request because a rule of the domain says
// no (a cancelled session, a day too far back, a code already taken) THROWS
// `RuleError(key, params)`, the key being a translation key the type checker knows.
// A record that does not exist or lies outside the user's scope is a thrown 404
// Response from the scope guard (app/utils/scope.server.ts), indistinguishable on
// purpose; a programming error propagates and is a 500. Nothing else: no `{ error }`
// objects, no `null` meaning "refused". Why throwing: a refusal then cannot be
// ignored by a caller that forgets to look (a route that redirected as if marks were
// saved did exactly that), it leaves a transaction it happens in without writing
// anything, a model calling another model passes it on for free, and the happy path
// returns plain data. Why a key, not a sentence: models do not know the reader; the
// route answers with `ruleErrorReply(error)` below (the one place a RuleError becomes
// action data), and the page shows it in the reader's language with `t(key, params)`;
// a request that is not a page (a plain form post to a resource route, a phone's JSON)
// gets the same key, translated by the server's refusal (request-guard.server.ts).
import type { TranslationKey } from "~/i18n";

export type MessageParams = Record<string, string | number>;

/** A message travelling as action data: a translation key and its values, shown by the page in the reader's language. */
export type Message = { key: TranslationKey; params?: MessageParams };

/** A rule the request broke (wrong level, outside what is allowed, a cancelled session...). */
export class RuleError extends Error {
  constructor(
    public key: TranslationKey,
    public params: MessageParams = {},
  ) {
    super(key);
    this.name = "RuleError";
  }
}

/**
 * The one place a route turns a model's refusal into a message for the reader: a
 * RuleError becomes `{ key, params }`; anything else (a 404 Response, a bug) is thrown on.
 */
export function ruleErrorReply(error: unknown): Message & { params: MessageParams } {
  if (error instanceof RuleError) return { key: error.key, params: error.params };
  throw error;
}

/**
 * Runs a model call for a route: `{ value }` when it went through, `{ error }` (the
 * message of ruleErrorReply) when a rule refused it; anything else propagates.
 */
export async function attempt<T>(run: () => Promise<T>): Promise<{ value: T; error: null } | { value: null; error: Message & { params: MessageParams } }> {
  try {
    return { value: await run(), error: null };
  } catch (error) {
    return { value: null, error: ruleErrorReply(error) };
  }
}
