import type { ConvertedTo, LeadView } from '../../api/types';
import { DECIMAL_INPUT } from './money';
import type { ConversionPlanView, ConvertLeadRequest } from '../../api/types';

/**
 * What the user picked in the conversion dialog. `contact` / `company` hold
 * `create`, `none` (company only) or the id of a candidate to link.
 */
export interface ConversionChoice {
  contact: string;
  company: string;
  title: string;
  amount: string;
  stageId: string;
}

export const CREATE = 'create';
export const NONE = 'none';

/** The dialog's starting point: what the server proposes (link the first candidate when it proposes linking). */
export function initialChoice(preview: ConversionPlanView): ConversionChoice {
  const contact = preview.contact.proposed === 'link' && preview.contact.candidates[0] ? preview.contact.candidates[0].id : CREATE;
  let company: string = preview.company.proposed === 'none' ? NONE : CREATE;
  if (preview.company.proposed === 'link' && preview.company.candidates[0]) company = preview.company.candidates[0].id;
  const amount = Number(preview.deal.amount.amount) > 0 ? preview.deal.amount.amount : '';
  return { contact, company, title: preview.deal.title, amount, stageId: preview.deal.stageId };
}

export type ChoiceProblem = { field: 'title' | 'amount' | 'company'; message: string };

export function validateChoice(choice: ConversionChoice, preview: ConversionPlanView): ChoiceProblem[] {
  const problems: ChoiceProblem[] = [];
  if (!choice.title.trim()) problems.push({ field: 'title', message: 'Enter a deal title' });
  if (choice.amount.trim() && !DECIMAL_INPUT.test(choice.amount.trim())) problems.push({ field: 'amount', message: 'Use a number like 1234.50' });
  if (choice.company === CREATE && !preview.company.draft.name) {
    problems.push({ field: 'company', message: 'The lead has no company name to create a company from' });
  }
  return problems;
}

/** The `POST /leads/{id}/conversion` body for `choice`. */
export function toConversionRequest(choice: ConversionChoice, preview: ConversionPlanView): ConvertLeadRequest {
  const contact: ConvertLeadRequest['contact'] = choice.contact === CREATE ? { action: 'create' } : { action: 'link', id: choice.contact };
  const company: ConvertLeadRequest['company'] =
    choice.company === CREATE ? { action: 'create' } : choice.company === NONE ? { action: 'none' } : { action: 'link', id: choice.company };
  const deal: ConvertLeadRequest['deal'] = { pipelineId: preview.deal.pipelineId, stageId: choice.stageId };
  const title = choice.title.trim();
  if (title && title !== preview.deal.title) deal.title = title;
  const amount = choice.amount.trim();
  if (amount) deal.amount = amount;
  return { contact, company, deal };
}

/** What a converted lead became, if it was converted. */
export function convertedTo(lead: LeadView): ConvertedTo | null {
  return lead.convertedTo ?? null;
}
