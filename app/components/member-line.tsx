import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { messageKey } from "~/i18n";

type Listed = { id: number; name: string; phone: string; role: string; active: boolean };

/**
 * A member in an admin list: name and phone, then what an administrator needs
 * at a glance (where they are, their role when it is not plain member, whether
 * they can sign in), linking to the member's page.
 */
export function AdminMemberLine({
  member,
  where = [],
  more = [],
  className,
}: {
  member: Listed;
  where?: Array<string | null | undefined>;
  more?: Array<string | null>;
  className: string;
}) {
  const { t } = useTranslation();
  const facts = [
    ...where,
    member.role !== "member" ? t(messageKey(`roles.${member.role}`)) : null,
    !member.active ? t("admin.common.inactive") : null,
    ...more,
  ];
  return (
    <Link to={`/admin/members/${member.id}`} className={`block min-h-tap no-underline ${className}`}>
      <span className="link">{member.name}</span> <span className="font-mono text-stone-700">{member.phone}</span>
      <span className="block text-sm text-stone-600">{facts.filter(Boolean).join(" · ")}</span>
    </Link>
  );
}
