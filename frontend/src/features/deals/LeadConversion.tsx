import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { LeadView } from '../../api/types';
import { convertedTo } from './conversion';
import { ConvertLeadDialog } from './ConvertLeadDialog';

/** The lead page's conversion island: links to what it became, or the Convert button. */
export function LeadConversion({ workspaceId, lead, canWrite }: { workspaceId: string; lead: LeadView; canWrite: boolean }) {
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const hintId = useId();
  const result = convertedTo(lead);
  const w = `/w/${workspaceId}`;

  // Stays mounted while the conversion navigates away (the lead turns "converted" first).
  const dialog = open && <ConvertLeadDialog leadId={lead.id} leadName={lead.name} onClose={() => setOpen(false)} />;

  if (lead.status === 'converted') {
    return (
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId} className="h3">
          Converted
        </h2>
        {result ? (
          <ul className="quick-links" aria-label="What the lead became">
            <li>
              <Link to={`${w}/deals/${result.dealId}`}>Open the deal</Link>
            </li>
            <li>
              <Link to={`${w}/contacts/${result.contactId}`}>Open the contact</Link>
            </li>
            {result.companyId && (
              <li>
                <Link to={`${w}/companies/${result.companyId}`}>Open the company</Link>
              </li>
            )}
          </ul>
        ) : (
          <p className="muted">This lead was converted.</p>
        )}
        {dialog}
      </section>
    );
  }
  if (!canWrite) return null;
  const qualified = lead.status === 'qualified';
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="row island-header">
        <h2 id={headingId} className="h3">
          Conversion
        </h2>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!qualified}
          aria-describedby={qualified ? undefined : hintId}
          onClick={() => setOpen(true)}
        >
          Convert
        </button>
      </div>
      <p id={hintId} className="muted small">
        {qualified
          ? 'Turns the lead into a contact (and company) with a deal.'
          : 'Only a qualified lead can be converted: qualify it first (with its next action).'}
      </p>
      {dialog}
    </section>
  );
}
