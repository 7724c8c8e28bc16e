/** The language tags of every xAPI language map here (most LRS viewers look for en-US). Safe for the browser bundle. */
export const TAGS = { vi: "vi-VN", en: "en-US" } as const;
