import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The one error page of the site: 404, 403 and server errors, in the reader's language. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status >= 500 && typeof document === "undefined") console.error(error);
  const [title, text] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFoundText")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbiddenText")]
        : [t("errors.genericTitle"), t("errors.genericText")];
  return (
    <section className="card mt-4" aria-labelledby="error-title">
      <p className="text-sm font-semibold text-stone-600">{status}</p>
      <h1 id="error-title" className="mb-2 text-2xl font-bold">
        {title}
      </h1>
      <p className="mb-4">{text}</p>
      <Link to="/" className="btn-primary" reloadDocument>
        {t("errors.backHome")}
      </Link>
    </section>
  );
}
