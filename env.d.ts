/// <reference types="@remix-run/node" />
/// <reference types="@remix-run/dev/dist/modules" />

import "@remix-run/server-runtime";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** The client's address as the HTTP server saw it (see server.js). */
    clientIp?: string;
    /** This response's CSP script nonce (see server.js). */
    cspNonce?: string;
    /** The browser's double-submit token, for forms posted without an Origin header. */
    csrfToken?: string;
  }
}
