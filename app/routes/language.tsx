import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { languageCookie } from "~/i18n.server";
import { setUserLanguage } from "~/models/user.server";
import { parseWithZod } from "@conform-to/zod";
import { LanguageSchema } from "~/utils/forms";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { readForm } from "~/utils/request-body.server";

/** Switches the language: remembered in a cookie, and on the account when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request, { page: false }), { schema: LanguageSchema });
  const back = submission.payload.redirectTo;
  const to = safeRedirect(typeof back === "string" ? back : null);
  // A language the site does not speak changes nothing: back to the page.
  if (submission.status !== "success") return redirect(to);
  const { language } = submission.value;
  const user = await getUser(request);
  if (user) await setUserLanguage(user.id, language);
  return redirect(to, { headers: { "Set-Cookie": await languageCookie.serialize(language) } });
}

export async function loader() {
  return redirect("/");
}
