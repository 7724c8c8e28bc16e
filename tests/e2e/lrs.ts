// The stand-in Learning Record Store of the end-to-end run: the server is
// configured with it (playwright.config.ts); learning-records.spec.ts starts it.
export const E2E_PORT = Number(process.env.E2E_PORT || 3100);
export const LRS_PORT = Number(process.env.E2E_LRS_PORT || E2E_PORT + 1);
export const LRS_KEY = "kns-e2e";
export const LRS_SECRET = "kns-e2e-secret";
