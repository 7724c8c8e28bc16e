import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { messageKey } from "~/i18n";

/** The one error page of the site: 404, 403 and server errors, in the reader's language. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status >= 500 && typeof document === "undefined") console.error(error);
  // A refusal made before the route ran (cross-site, too large, malformed) says why.
  const data = isRouteErrorResponse(error) ? (error.data as { key?: unknown; params?: Record<string, string | number> } | null) : null;
  const reason = data && typeof data === "object" && typeof data.key === "string" && data.key.startsWith("errors.") ? data.key : null;
  const [title, text] = reason
    ? [status === 403 ? t("errors.forbiddenTitle") : t("errors.badRequestTitle"), t(messageKey(reason), data?.params ?? {})]
    : status === 404
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
