// Who is signed in on this browser, readable by the page scripts (the session
// cookie is HttpOnly and the pages they run on are shared by every member).
// A quiz answered on a saved lesson page belongs to the member signed in when
// it is submitted, not to whoever saved the page: the script reads this hint
// at that moment. It is a hint, not a credential: the server always decides by
// the session, and a sheet queued for another account waits for that account.
// Set at sign-in with the session's lifetime, cleared by every sign-out path.

export const MEMBER_COOKIE = "kns_member";

export type MemberHint = { id: number; until: number };

/** "12.1767225600": the member's id and when the session ends (seconds since 1970). */
export function memberHintValue(hint: MemberHint) {
  return `${hint.id}.${Math.floor(hint.until / 1000)}`;
}

/** The hint in a Cookie header or document.cookie, if it is well formed and not past its end. */
export function parseMemberHint(cookies: string, now = Date.now()): MemberHint | null {
  for (const part of cookies.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name !== MEMBER_COOKIE || !value) continue;
    const m = /^([1-9]\d{0,9})\.(\d{1,12})$/.exec(value);
    if (!m) return null;
    const hint = { id: Number(m[1]), until: Number(m[2]) * 1000 };
    return hint.until > now ? hint : null;
  }
  return null;
}
