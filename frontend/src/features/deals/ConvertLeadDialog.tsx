import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError, problemMessage } from '../../api/problem';
import { Badge } from '../../components/Badge';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/Field';
import { ErrorState, LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { useWorkspace } from '../workspaces/workspaceContext';
import { openStages } from './board';
import { CREATE, initialChoice, NONE, toConversionRequest, validateChoice, type ConversionChoice } from './conversion';
import { useConversionPreview, useConvertLead, usePipelines } from './queries';
import type { ConversionPlanView, ConversionResultView } from '../../api/types';

/** Router state the deal page reads to say what the conversion did. */
export interface ConvertedState {
  converted: ConversionResultView & { contactName: string; companyName: string | null };
}

function Choices({
  preview,
  choice,
  onChange,
  errors,
}: {
  preview: ConversionPlanView;
  choice: ConversionChoice;
  onChange: (next: ConversionChoice) => void;
  errors: Partial<Record<'title' | 'amount' | 'company', string>>;
}) {
  const { workspace } = useWorkspace();
  const pipelines = usePipelines(workspace.id);
  const pipeline = pipelines.data?.find((p) => p.id === preview.deal.pipelineId);
  const ids = { title: useId(), amount: useId(), stage: useId(), companyError: useId() };
  const { contact, company } = preview;
  return (
    <div className="stack conversion">
      <fieldset className="fieldset">
        <legend>Contact</legend>
        <div className="radio-list">
          <label className="checkbox">
            <input type="radio" name="contact" checked={choice.contact === CREATE} onChange={() => onChange({ ...choice, contact: CREATE })} />
            <span>
              Create a new contact: <strong>{contact.draft.name}</strong>
              {contact.draft.email && <span className="muted"> · {contact.draft.email}</span>}
            </span>
          </label>
          {contact.candidates.map((c) => (
            <label key={c.id} className="checkbox candidate">
              <input type="radio" name="contact" checked={choice.contact === c.id} onChange={() => onChange({ ...choice, contact: c.id })} />
              <span>
                Link to <strong>{c.name}</strong>
                {c.email && <span className="muted"> · {c.email}</span>} <Badge tone="warning">Same email</Badge>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="fieldset" aria-describedby={errors.company ? ids.companyError : undefined}>
        <legend>Company</legend>
        <div className="radio-list">
          {company.draft.name && (
            <label className="checkbox">
              <input type="radio" name="company" checked={choice.company === CREATE} onChange={() => onChange({ ...choice, company: CREATE })} />
              <span>
                Create a new company: <strong>{company.draft.name}</strong>
                {company.draft.domain && <span className="muted"> · {company.draft.domain}</span>}
              </span>
            </label>
          )}
          {company.candidates.map((c) => (
            <label key={c.id} className="checkbox candidate">
              <input type="radio" name="company" checked={choice.company === c.id} onChange={() => onChange({ ...choice, company: c.id })} />
              <span>
                Link to <strong>{c.name}</strong>
                {c.domain && <span className="muted"> · {c.domain}</span>}{' '}
                <Badge tone="warning">{c.reason === 'domain' ? 'Same domain' : 'Similar name'}</Badge>
              </span>
            </label>
          ))}
          <label className="checkbox">
            <input type="radio" name="company" checked={choice.company === NONE} onChange={() => onChange({ ...choice, company: NONE })} />
            No company
          </label>
        </div>
        {errors.company && (
          <p id={ids.companyError} className="field-error" role="alert">
            {errors.company}
          </p>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>Deal</legend>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.title}>Deal title</label>
            <input
              id={ids.title}
              value={choice.title}
              autoComplete="off"
              aria-invalid={errors.title ? true : undefined}
              aria-describedby={errors.title ? `${ids.title}-error` : undefined}
              onChange={(e) => onChange({ ...choice, title: e.target.value })}
            />
            {errors.title && (
              <p id={`${ids.title}-error`} className="field-error" role="alert">
                {errors.title}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={ids.amount}>Amount ({workspace.currency})</label>
            <input
              id={ids.amount}
              value={choice.amount}
              inputMode="decimal"
              placeholder="0.00"
              autoComplete="off"
              aria-invalid={errors.amount ? true : undefined}
              aria-describedby={errors.amount ? `${ids.amount}-error` : undefined}
              onChange={(e) => onChange({ ...choice, amount: e.target.value })}
            />
            {errors.amount && (
              <p id={`${ids.amount}-error`} className="field-error" role="alert">
                {errors.amount}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={ids.stage}>Stage{pipeline ? ` in ${pipeline.name}` : ''}</label>
            <select id={ids.stage} value={choice.stageId} onChange={(e) => onChange({ ...choice, stageId: e.target.value })}>
              {pipeline ? (
                openStages(pipeline).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.probability}%)
                  </option>
                ))
              ) : (
                <option value={preview.deal.stageId}>The pipeline's first stage</option>
              )}
            </select>
          </div>
        </div>
      </fieldset>
    </div>
  );
}

/**
 * Lead conversion: asks the server what it would do (preview), lets the user
 * pick create vs link for the contact and the company, then converts and
 * opens the new deal.
 */
export function ConvertLeadDialog({ leadId, leadName, onClose }: { leadId: string; leadName: string; onClose: () => void }) {
  const { workspace } = useWorkspace();
  const preview = useConversionPreview(workspace.id, leadId, true);
  const convert = useConvertLead(workspace.id, leadId);
  const toast = useToast();
  const navigate = useNavigate();
  const [choice, setChoice] = useState<ConversionChoice | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'title' | 'amount' | 'company', string>>>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const current = choice ?? (preview.data ? initialChoice(preview.data) : null);

  function submit() {
    if (!preview.data || !current) return;
    const problems = validateChoice(current, preview.data);
    setErrors(Object.fromEntries(problems.map((p) => [p.field, p.message])));
    if (problems.length > 0) return;
    const p = preview.data;
    // mutateAsync: the lead page re-renders as "converted" (and may unmount this dialog) before we navigate.
    convert.mutateAsync(toConversionRequest(current, p)).then(
      (result) => {
        const contactName = p.contact.candidates.find((c) => c.id === result.contactId)?.name ?? p.contact.draft.name;
        const companyName = p.company.candidates.find((c) => c.id === result.companyId)?.name ?? p.company.draft.name;
        const parts = [
          `contact ${result.contactCreated ? 'created' : 'linked'}`,
          ...(result.companyId ? [`company ${result.companyCreated ? 'created' : 'linked'}`] : []),
          'deal created',
        ];
        toast.success(`“${leadName}” converted: ${parts.join(', ')}`);
        const state: ConvertedState = { converted: { ...result, contactName, companyName: result.companyId ? (companyName ?? null) : null } };
        navigate(`/w/${workspace.id}/deals/${result.dealId}`, { state });
      },
      (error: unknown) => {
        const fieldErrors: Partial<Record<'title' | 'amount', string>> = {};
        for (const e of isApiError(error) ? (error.problem.errors ?? []) : []) {
          if (e.field === 'deal.title' || e.field === 'title') fieldErrors.title = e.message;
          if (e.field === 'deal.amount' || e.field === 'amount') fieldErrors.amount = e.message;
        }
        setErrors(fieldErrors);
        setFormError(problemMessage(error));
        toast.error(`Could not convert the lead: ${problemMessage(error)}`);
      },
    );
  }

  let body;
  if (preview.isPending) body = <LoadingState label="Preparing the conversion…" />;
  else if (preview.isError) body = <ErrorState title="Could not prepare the conversion" error={preview.error} onRetry={() => void preview.refetch()} />;
  else if (current)
    body = (
      <>
        <p className="muted">The lead becomes a contact (and a company) with a deal in the pipeline. Possible duplicates are offered for linking.</p>
        <FormAlert message={formError} />
        <Choices preview={preview.data} choice={current} onChange={setChoice} errors={errors} />
      </>
    );

  return (
    <Dialog
      title={`Convert ${leadName}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={submit} disabled={!preview.isSuccess || convert.isPending}>
            {convert.isPending ? 'Converting…' : 'Convert lead'}
          </button>
        </>
      }
    >
      {body}
    </Dialog>
  );
}
