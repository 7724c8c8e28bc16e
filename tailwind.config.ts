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
      minHeight: { tap: "2.75rem" },
      minWidth: { tap: "2.75rem" },
    },
  },
  plugins: [],
} satisfies Config;
