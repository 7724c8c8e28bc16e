import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/admin-form";
import { FileField } from "~/components/file-field";
import { formatVietnamDateTime } from "~/utils/time";
import { createImport, recentImports } from "~/models/import.server";
import { ImportUploadSchema } from "~/utils/admin-forms";
import { requireAdmin } from "~/utils/admin-guard.server";
import { MAX_FILE_BYTES, importKinds } from "~/utils/import-kinds";
import { CsrfField } from "~/components/csrf-field";
import { readForm } from "~/utils/request-body.server";
import type { BodyLimitHandle } from "~/utils/request-guard.server";
import { messageKey } from "~/i18n";

// The file, its name and the form's few fields.
export const handle: BodyLimitHandle = { bodyLimit: MAX_FILE_BYTES + 64 * 1024 };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAdmin(request);
  const recent = await recentImports(actor);
  return json({ recent: recent.map((r) => ({ ...r, summary: JSON.parse(r.summary) as Record<string, number> })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAdmin(request);
  const formData = await readForm(request, { limit: handle.bodyLimit });
  const upload = formData.get("file");
  if (upload instanceof File && upload.size > MAX_FILE_BYTES) return json({ result: null, tooLarge: true }, { status: 413 });
  const submission = parseWithZod(formData, { schema: ImportUploadSchema });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["file"] }), tooLarge: false }, { status: 400 });
  const { kind, file } = submission.value;
  const batch = await createImport(actor, kind, file.name || `${kind}.csv`, new Uint8Array(await file.arrayBuffer()));
  return redirect(`/admin/import/${batch.id}`);
}

export default function AdminImport() {
  const { recent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "import-upload",
    lastResult: actionData?.result ?? undefined,
    constraint: getZodConstraint(ImportUploadSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ImportUploadSchema }),
  });
  const kinds = importKinds.map((k) => ({ value: k, label: t(messageKey(`admin.import.kinds.${k}`)) }));
  return (
    <div>
      <h1 className="mb-2 text-3xl font-bold">{t("admin.import.title")}</h1>
      <p className="mb-4 text-stone-700">{t("admin.import.intro")}</p>

      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card mb-4">
        <CsrfField />
        {actionData?.tooLarge ? (
          <p role="alert" className="mb-3 notice-error">
            {t("admin.import.problems.tooLarge", { mb: MAX_FILE_BYTES / 1024 / 1024 })}
          </p>
        ) : null}
        <SelectField
          id={fields.kind.id}
          label={t("admin.import.kind")}
          errors={fields.kind.errors}
          options={kinds}
          selectProps={{ name: fields.kind.name, defaultValue: "members" }}
        />
        <FileField
          id={fields.file.id}
          label={t("admin.import.file")}
          hint={t("admin.import.fileHint")}
          errors={fields.file.errors}
          inputProps={{
            ...getInputProps(fields.file, { type: "file" }),
            accept: ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          }}
        />
        <button type="submit" className="btn-primary w-full text-lg sm:w-auto" disabled={navigation.state === "submitting"}>
          {t("admin.import.check")}
        </button>
      </Form>

      <section className="card mb-4">
        <h2 className="mb-1 text-xl font-bold">{t("admin.import.templates")}</h2>
        <p className="mb-2 text-stone-700">{t("admin.import.templatesHint")}</p>
        <ul className="grid gap-2">
          {kinds.map((k) => (
            <li key={k.value} className="flex flex-wrap items-center gap-2">
              <span className="min-w-24 font-semibold">{k.label}</span>
              <a href={`/admin/template/${k.value}?format=xlsx`} className="btn-secondary" download>
                Excel
              </a>
              <a href={`/admin/template/${k.value}?format=csv`} className="btn-secondary" download>
                CSV
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section className="card mb-4">
        <h2 className="mb-1 text-xl font-bold">{t("admin.import.export")}</h2>
        <p className="mb-2 text-stone-700">{t("admin.import.exportHint")}</p>
        <ul className="grid gap-2">
          {kinds.map((k) => (
            <li key={k.value} className="flex flex-wrap items-center gap-2">
              <span className="min-w-24 font-semibold">{k.label}</span>
              <a href={`/admin/export/${k.value}?format=xlsx`} className="btn-secondary" download>
                Excel
              </a>
              <a href={`/admin/export/${k.value}?format=csv`} className="btn-secondary" download>
                CSV
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section className="card">
        <h2 className="mb-2 text-xl font-bold">{t("admin.import.recent")}</h2>
        {recent.length === 0 ? <p>{t("admin.import.noRecent")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {recent.map((r) => (
            <li key={r.id}>
              <Link to={`/admin/import/${r.id}`} className="block min-h-tap py-2 no-underline">
                <span className="link break-all">{r.fileName}</span>
                <span className="block text-sm text-stone-600">
                  {t(messageKey(`admin.import.kinds.${r.kind}`))} · {formatVietnamDateTime(r.createdAt)} · {t(messageKey(`admin.import.status.${r.status}`))}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
