import { act, renderHook } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { applyProblemToForm, setProblemOnForm } from './formErrors';

type Values = { email: string; currency: string };

/** formState is a subscription proxy: read `errors` during render so updates re-render. */
function useTestForm() {
  const form = useForm<Values>({ defaultValues: { email: '', currency: '' } });
  void form.formState.errors;
  return form;
}

function validationError(errors: { field: string; code: string; message: string }[]) {
  return new ApiError({ title: 'Request is invalid', status: 422, code: 'request.invalid', detail: 'invalid', errors }, '');
}

describe('applyProblemToForm', () => {
  it('puts each field error on the matching field', () => {
    const { result } = renderHook(() => useTestForm());
    let applied;
    act(() => {
      applied = applyProblemToForm(
        validationError([
          { field: 'currency', code: 'invalid_currency', message: 'not an ISO 4217 code' },
          { field: 'currency', code: 'other', message: 'second message is ignored' },
        ]),
        result.current.setError,
        ['email', 'currency'],
      );
    });
    expect(applied).toEqual({ mapped: 1 });
    expect(result.current.formState.errors.currency).toMatchObject({ type: 'invalid_currency', message: 'not an ISO 4217 code' });
    expect(result.current.formState.errors.email).toBeUndefined();
  });

  it('returns unknown fields as a form-level message', () => {
    const { result } = renderHook(() => useTestForm());
    let applied;
    act(() => {
      applied = applyProblemToForm(
        validationError([{ field: 'workspaceName', code: 'too_long', message: 'too long' }]),
        result.current.setError,
        ['email', 'currency'],
      );
    });
    expect(applied).toEqual({ mapped: 0, formMessage: 'workspaceName: too long' });
  });

  it('uses the problem detail when there are no field errors', () => {
    const { result } = renderHook(() => useTestForm());
    const error = new ApiError({ title: 'Unauthorized', status: 401, code: 'auth.invalid_credentials', detail: 'email or password is wrong' }, '');
    act(() => {
      setProblemOnForm(error, result.current.setError, ['email']);
    });
    expect(result.current.formState.errors.root?.server?.message).toBe('email or password is wrong');
  });

  it('handles errors that are not API problems', () => {
    const { result } = renderHook(() => useTestForm());
    expect(applyProblemToForm(new TypeError('Failed to fetch'), result.current.setError, ['email']).formMessage).toMatch(/could not reach/i);
  });
});
