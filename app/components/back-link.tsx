import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * The way back to the page this one belongs to, above its title: a tall tap
 * target, and hidden on paper (a printed report has nowhere to go back to).
 */
export function BackLink({ to, children, className = "mb-2" }: { to: string; children: ReactNode; className?: string }) {
  return (
    <p className={`${className} print:hidden`}>
      <Link to={to} className="link-tap">
        ← {children}
      </Link>
    </p>
  );
}
