import { z } from 'zod';
import { DECIMAL_INPUT } from './money';
import type { CreateDealRequest, DealView, UpdateDealRequest } from '../../api/types';

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}: use at most ${max} characters`);
const date = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Use a date like 2026-12-31');

/**
 * Shape only: whether a stage belongs to the pipeline, a contact exists or an
 * amount fits the currency is the API's call; its field errors land on these
 * same fields.
 */
export const dealFormSchema = z.object({
  title: z.string().trim().min(1, 'Enter a title').max(200, 'Use at most 200 characters'),
  amount: z
    .string()
    .trim()
    .refine((v) => v === '' || DECIMAL_INPUT.test(v), 'Use a number like 1234.50 (a dot before the decimals)'),
  pipelineId: z.string(),
  stageId: z.string(),
  probability: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) <= 100), 'Use a whole number from 0 to 100'),
  expectedCloseDate: date,
  nextActionDate: date,
  nextActionText: optionalText(500, 'Next action'),
  ownerId: z.string(),
  contactId: z.string(),
  companyId: z.string(),
  notes: optionalText(10_000, 'Notes'),
});

export type DealFormInput = z.input<typeof dealFormSchema>;
export type DealFormValues = z.output<typeof dealFormSchema>;

export const DEAL_FORM_FIELDS = [
  'title',
  'amount',
  'pipelineId',
  'stageId',
  'probability',
  'expectedCloseDate',
  'nextActionDate',
  'nextActionText',
  'ownerId',
  'contactId',
  'companyId',
  'notes',
] as const satisfies readonly (keyof DealFormValues)[];

export function emptyDealForm(defaults: Partial<DealFormInput> = {}): DealFormInput {
  return {
    title: '',
    amount: '',
    pipelineId: '',
    stageId: '',
    probability: '',
    expectedCloseDate: '',
    nextActionDate: '',
    nextActionText: '',
    ownerId: '',
    contactId: '',
    companyId: '',
    notes: '',
    ...defaults,
  };
}

export function dealToForm(deal: DealView): DealFormInput {
  return {
    title: deal.title,
    amount: deal.amount.amount,
    pipelineId: deal.pipelineId,
    stageId: deal.stageId,
    probability: deal.probabilityOverride === null ? '' : String(deal.probabilityOverride),
    expectedCloseDate: deal.expectedCloseDate ?? '',
    nextActionDate: deal.nextActionDate ?? '',
    nextActionText: deal.nextActionText ?? '',
    ownerId: deal.ownerId ?? '',
    contactId: deal.contactId ?? '',
    companyId: deal.companyId ?? '',
    notes: deal.notes ?? '',
  };
}

const NULLABLE = ['expectedCloseDate', 'nextActionDate', 'nextActionText', 'ownerId', 'contactId', 'companyId', 'notes'] as const;

/** The create body: blank optional fields are left out. */
export function toCreateDealRequest(values: DealFormValues): CreateDealRequest {
  const body: CreateDealRequest = { title: values.title };
  if (values.amount) body.amount = values.amount;
  if (values.pipelineId) body.pipelineId = values.pipelineId;
  if (values.stageId) body.stageId = values.stageId;
  if (values.probability) body.probability = Number(values.probability);
  for (const key of NULLABLE) {
    if (values[key]) body[key] = values[key];
  }
  return body;
}

/** Same decimal value? ("1200" and "1200.00" are.) */
function sameAmount(a: string, b: string): boolean {
  return Number(a) === Number(b);
}

/** The PATCH body: only what changed; a cleared optional field is `null` (pipeline and stage move elsewhere). */
export function toUpdateDealRequest(values: DealFormValues, deal: DealView): UpdateDealRequest {
  const body: UpdateDealRequest = {};
  if (values.title !== deal.title) body.title = values.title;
  if (!sameAmount(values.amount || '0', deal.amount.amount)) body.amount = values.amount || '0';
  const probability = values.probability === '' ? null : Number(values.probability);
  if (probability !== deal.probabilityOverride) body.probability = probability;
  for (const key of NULLABLE) {
    const next = values[key] || null;
    if (next !== (deal[key] ?? null)) body[key] = next;
  }
  return body;
}
