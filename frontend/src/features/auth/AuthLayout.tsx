import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The centered card used by sign-in, sign-up, password and invitation pages. */
export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="auth-page">
      <main className="auth-card">
        <Link to="/" className="brand auth-brand" aria-label="CRM home">
          <span className="brand-mark" aria-hidden="true" />
          <span>CRM</span>
        </Link>
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
        {children}
        {footer && <div className="auth-footer">{footer}</div>}
      </main>
    </div>
  );
}
