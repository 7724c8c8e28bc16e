// The one way an action answers a form (conform + zod): the same schema the
// browser validates with, then the model's rule, then conform's result for the
// form plus what was done or the rule broken. Used by every page with a form
// (admin, results, events, sessions, tasks, reports).
import { parseWithZod } from "@conform-to/zod";
import { json } from "@remix-run/node";
import type { z } from "zod";
import type { SlipSheet } from "./admin-action.server";
import { ruleErrorReply, type Message } from "./rule-error";

export type { Message };
type Outcome = { done?: Message; slips?: SlipSheet } | void;

/**
 * Runs one form of a page: checks it against its schema (400 with conform's errors,
 * translation keys), runs the rule, and answers with conform's result plus a done
 * message, the rule broken (RuleError, through ruleErrorReply; 400 unless `refusedStatus`)
 * or login slips to print. A redirect thrown by `run` (post/redirect/get) goes through.
 * A saved form is emptied for the next entry, unless `keepValues` (a document edited in place).
 */
export async function handleForm<Schema extends z.ZodTypeAny>(
  formData: FormData,
  schema: Schema,
  run: (value: z.output<Schema>) => Promise<Outcome>,
  options: { refusedStatus?: 400 | 409; keepValues?: boolean } = {},
) {
  const intent = String(formData.get("intent") ?? "");
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return json({ intent, result: submission.reply(), done: null, error: null, slips: null }, { status: 400 });
  try {
    const outcome = (await run(submission.value)) ?? {};
    return json({
      intent,
      result: submission.reply({ resetForm: !options.keepValues }),
      done: outcome.done ?? null,
      error: null,
      slips: outcome.slips ?? null,
    });
  } catch (error) {
    return json(
      { intent, result: submission.reply(), done: null, error: ruleErrorReply(error) as Message, slips: null },
      { status: options.refusedStatus ?? 400 },
    );
  }
}
