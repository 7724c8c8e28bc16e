import QRCode from "qrcode";

// The site's own address, for everything printed or shared outside the page
// (QR codes, calendar files, chat text) and for the cross-site request check.
// PUBLIC_URL wins. Without it (a local demo, a phone on the village network)
// the request's Host is used only when it is a name we can trust: localhost,
// an IP address, or a host listed in ALLOWED_HOSTS. Anything else (a forged
// Host header) falls back to localhost, so it never reaches a page or a cache.

const HOST_SYNTAX = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function configuredOrigin() {
  const raw = process.env.PUBLIC_URL?.trim();
  if (!raw) return null;
  try {
    return new URL(raw).origin;
  } catch {
    throw new Error(`PUBLIC_URL is not an address: ${raw}`);
  }
}

function allowedHosts() {
  return (process.env.ALLOWED_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * The site's origin for work done outside a request (the learning-record
 * sender): PUBLIC_URL, or in the demo and development the local address; null
 * in production without PUBLIC_URL, where no address can be trusted.
 */
export function publicOrigin() {
  const configured = configuredOrigin();
  if (configured) return configured;
  if (process.env.NODE_ENV === "production" && process.env.KNS_DEMO !== "1") return null;
  return `http://localhost:${process.env.PORT || 3000}`;
}

/** Whether a Host header value (name[:port]) may be printed as the site's address. */
export function isTrustedHost(host: string) {
  const value = host.toLowerCase();
  if (value.length > 260 || !HOST_SYNTAX.test(value)) return false;
  const name = value.startsWith("[") ? value.slice(0, value.indexOf("]") + 1) : value.replace(/:\d+$/, "");
  if (name === "localhost" || name === "[::1]" || name.startsWith("[")) return true;
  if (IPV4.test(name)) return name.split(".").every((part) => Number(part) <= 255);
  return allowedHosts().includes(name) || allowedHosts().includes(value);
}

/** The site's origin ("https://kynangso.example.vn"), never taken blindly from the request. */
export function siteOrigin(request: Request) {
  const configured = configuredOrigin();
  if (configured) return configured;
  const url = new URL(request.url);
  if (isTrustedHost(url.host)) return url.origin;
  return `${url.protocol}//localhost${process.env.PORT ? `:${process.env.PORT}` : ""}`;
}

/** An absolute address on this site for a path ("/lessons/x"). */
export function siteUrl(request: Request, path: string) {
  return `${siteOrigin(request)}${path}`;
}

/** A Map that forgets its oldest entries past `max`: every in-memory cache keyed by outside input uses one. */
export class BoundedCache<K, V> {
  private map = new Map<K, V>();
  constructor(private max: number) {}
  get(key: K) {
    const value = this.map.get(key);
    if (value !== undefined) {
      // Most recently used goes last, so the first key is the one to drop.
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V) {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
    return this;
  }
  get size() {
    return this.map.size;
  }
}

const qrCodes = new BoundedCache<string, Promise<string>>(500);

/** An address as a QR code (SVG markup), made once per address. */
export function qrSvg(url: string) {
  let svg = qrCodes.get(url);
  if (!svg) {
    svg = QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    qrCodes.set(url, svg);
  }
  return svg;
}
