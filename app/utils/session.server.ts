import { createCookieSessionStorage } from "@remix-run/node";
import { secureCookies, sessionSecret } from "./env.server";

export const SESSION_DAYS = 30;

// The cookie carries only the id of a Session row; signing out or blocking an
// account deletes the row, which ends the session everywhere.
export const authSessionStorage = createCookieSessionStorage<{ sessionId: string }>({
  cookie: {
    name: "kns_session",
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    secrets: [sessionSecret()],
    maxAge: 60 * 60 * 24 * SESSION_DAYS,
  },
});
