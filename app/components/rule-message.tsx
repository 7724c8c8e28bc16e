import { useTranslation } from "react-i18next";
import { messageKey } from "~/i18n";
import type { Message } from "~/utils/rule-error";

/**
 * A refusal in the reader's language: a model's RuleError (ruleErrorReply) or a
 * form's one problem, as a translation key and its values. The one way a page shows one.
 */
export function RuleMessage({ message, className = "mb-3", testId }: { message: Message | null | undefined; className?: string; testId?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p role="alert" className={`${className} notice-error`} data-testid={testId}>
      {t(messageKey(message.key), message.params)}
    </p>
  );
}
