import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { languageCookie } from "~/i18n.server";
import { clearSignInFailures, releaseTry, reserveTry, signInLimits } from "~/models/rate-limit.server";
import { verifyLogin } from "~/models/user.server";
import { createUserSession, getUser, memberHintCookie, safeRedirect } from "~/utils/auth.server";
import { LoginSchema } from "~/utils/forms";
import { readForm } from "~/utils/request-body.server";
import { CsrfField } from "~/components/csrf-field";
import type { RouteHandle } from "~/root";
import { messageKey } from "~/i18n";

// Plain HTML, like the lessons: the form posts as a form, the server answers
// with the same messages conform would show, and no script is downloaded.
export const handle: RouteHandle = { hydrate: false, title: "pageTitles.login" };

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) return redirect("/");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }), formError: null }, { status: 400 });
  }
  const { phone, password, redirectTo } = submission.value;
  const ip = context.clientIp;

  // The try is recorded before the password is checked (see rate-limit.server).
  const reservation = await reserveTry(signInLimits(phone, ip));
  const wait = reservation.wait;
  if (wait > 0) {
    return json({ result: submission.reply({ hideFields: ["password"] }), formError: { key: "errors.throttled", minutes: wait } }, { status: 429 });
  }
  const user = await verifyLogin(phone, password);
  if (!user) {
    // The reserved try stays: it is now a failure.
    return json({ result: submission.reply({ hideFields: ["password"] }), formError: { key: "errors.wrongCredentials", minutes: 0 } }, { status: 400 });
  }
  await releaseTry(reservation);
  await clearSignInFailures(phone);
  const headers = new Headers();
  headers.append("Set-Cookie", await createUserSession(user.id));
  // Who answers a quiz on a shared (saved) lesson page is read from this at submit time.
  headers.append("Set-Cookie", memberHintCookie(user.id));
  // The account's language follows the member from phone to phone.
  headers.append("Set-Cookie", await languageCookie.serialize(user.language));
  return redirect(safeRedirect(redirectTo), { headers });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  const formError = actionData?.formError;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">{t("login.title")}</h1>
      <p className="mb-6 text-stone-700">{t("login.intro")}</p>
      {/* reloadDocument: the language cookie set on sign-in must reach a fresh page load. */}
      <Form method="post" {...getFormProps(form)} reloadDocument className="card">
        <CsrfField />
        {formError ? (
          <p className="mb-4 notice-error" role="alert" id="login-error">
            {t(messageKey(formError.key), { minutes: formError.minutes })}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          id={fields.phone.id}
          label={t("login.phone")}
          hint={t("login.phoneHint")}
          errors={fields.phone.errors}
          inputProps={{ ...getInputProps(fields.phone, { type: "tel" }), autoComplete: "tel", inputMode: "tel", autoFocus: true }}
        />
        <Field
          id={fields.password.id}
          label={t("login.password")}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
        />
        <button type="submit" className="btn-primary w-full text-lg">
          {t("login.submit")}
        </button>
        <p className="mt-4 text-stone-700">{t("login.forgot")}</p>
      </Form>
    </div>
  );
}
