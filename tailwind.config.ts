import type { Config } from "tailwindcss";

export default {
  // Lessons use utility classes too, so scan the MDX content.
  content: ["./app/**/*.{ts,tsx}", "./content/**/*.mdx"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#ecfdf5",
          100: "#d1fae5",
          600: "#047857",
          700: "#065f46",
          800: "#064e3b",
        },
      },
      // The root is 18 px: "small" print is 16.2 px, never under 16 px on a phone (issue 16).
      fontSize: { xs: ["0.9rem", { lineHeight: "1.35rem" }], sm: ["0.9rem", { lineHeight: "1.35rem" }] },
      minHeight: { tap: "2.75rem" },
      minWidth: { tap: "2.75rem" },
    },
  },
  plugins: [],
} satisfies Config;
