import { parseWithZod } from "@conform-to/zod";
import { json } from "@remix-run/node";
import type { z } from "zod";
import type { Slip } from "~/models/admin-members.server";
import { qrSvg, siteUrl } from "./origin.server";
import { RuleError } from "./rule-error";

export type Message = { key: string; params?: Record<string, string | number> };
export type SlipSheet = { slips: Slip[]; url: string; qr: string };
type Outcome = { done?: Message; slips?: SlipSheet } | void;

/**
 * Runs one named form of an admin page: checks it against its schema, runs
 * the rule, and answers with conform's result plus a done message, the rule
 * broken (as a translation key) or login slips to print.
 */
export async function handleForm<Schema extends z.ZodTypeAny>(formData: FormData, schema: Schema, run: (value: z.output<Schema>) => Promise<Outcome>) {
  const intent = String(formData.get("intent") ?? "");
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return json({ intent, result: submission.reply(), done: null, error: null, slips: null }, { status: 400 });
  try {
    const outcome = (await run(submission.value)) ?? {};
    return json({ intent, result: submission.reply({ resetForm: true }), done: outcome.done ?? null, error: null, slips: outcome.slips ?? null });
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return json({ intent, result: submission.reply(), done: null, error: { key: error.key, params: error.params } as Message, slips: null }, { status: 400 });
  }
}

/** The sign-in address and its QR code, for login slips. */
export async function slipSheet(request: Request, slips: Slip[]): Promise<SlipSheet> {
  const url = siteUrl(request, "/login");
  return { slips, url, qr: await qrSvg(url) };
}
