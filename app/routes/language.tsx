import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { languageCookie } from "~/i18n.server";
import { setUserLanguage } from "~/models/user.server";
import { isLanguage } from "~/i18n";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { readForm } from "~/utils/request-body.server";

/** Switches the language: remembered in a cookie, and on the account when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request, { page: false });
  const language = form.get("language");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLanguage(language)) return redirect(to);
  const user = await getUser(request);
  if (user) await setUserLanguage(user.id, language);
  return redirect(to, { headers: { "Set-Cookie": await languageCookie.serialize(language) } });
}

export async function loader() {
  return redirect("/");
}
