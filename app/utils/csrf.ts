// Names of the double-submit token, shared by the server's check, the forms
// and the offline scripts (which must not mistake the token for an answer).
export const CSRF_COOKIE = "kns_csrf";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "X-CSRF-Token";
