const TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/** A download of a list or a report; never cached, since it holds people's names and phone numbers. */
export function spreadsheetResponse(file: Buffer, baseName: string, format: keyof typeof TYPES) {
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="${baseName}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
