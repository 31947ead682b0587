import { ApiError } from '../../api/problem';

/**
 * The message of the API's `nextActionDate` field error (a qualified lead
 * needs a next action date: 422, `errors[].field = "nextActionDate"`), if `error` is one.
 */
export function nextActionDateProblem(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 422) return undefined;
  const field = error.problem.errors?.find((e) => e.field === 'nextActionDate');
  if (!field) return undefined;
  return field.code === 'required' ? 'A qualified lead needs a next action date.' : field.message;
}
