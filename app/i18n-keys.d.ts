// Translation keys are typed: the type checker fails on a key that vi.ts does not have.
import type vi from "./locales/vi";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof vi };
  }
}
