// Admin pages answer their forms with handleForm (form-action.server.ts), like every page; this adds the login slips.
import type { Slip } from "~/models/admin-members.server";
import { qrSvg, siteUrl } from "./origin.server";

/** Login slips to print, with the address they sign in at and its QR code. */
export type SlipSheet = { slips: Slip[]; url: string; qr: string };

/** The sign-in address and its QR code, for login slips. */
export async function slipSheet(request: Request, slips: Slip[]): Promise<SlipSheet> {
  const url = siteUrl(request, "/login");
  return { slips, url, qr: await qrSvg(url) };
}
