// Vietnamese mobile numbers: 10 digits starting 03, 05, 07, 08 or 09.
// People type them with spaces, dots or the +84 prefix; we store 0XXXXXXXXX.
const MOBILE = /^0[35789]\d{8}$/;

export function normalizePhone(input: string): string {
  let digits = input.replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+84")) digits = "0" + digits.slice(3);
  else if (digits.startsWith("84") && digits.length === 11) digits = "0" + digits.slice(2);
  return digits;
}

export function isVietnameseMobile(phone: string) {
  return MOBILE.test(phone);
}
