import { describe, expect, it } from 'vitest';
import { ApiError, isApiError, problemMessage, toProblem, workspaceIdFromUrl } from './problem';

describe('toProblem', () => {
  it('keeps the problem+json fields including field errors', () => {
    const problem = toProblem(
      {
        type: 'https://docs.crm.local/problems/validation',
        title: 'Request is invalid',
        status: 422,
        detail: 'email: not a valid email address',
        code: 'request.invalid',
        request_id: 'r1',
        errors: [{ field: 'email', code: 'invalid_email', message: 'not a valid email address' }, { bogus: true }],
      },
      422,
    );
    expect(problem).toMatchObject({ title: 'Request is invalid', status: 422, code: 'request.invalid', request_id: 'r1' });
    expect(problem.errors).toEqual([{ field: 'email', code: 'invalid_email', message: 'not a valid email address' }]);
  });

  it('survives a body that is not a problem (proxy error page)', () => {
    expect(toProblem('<html>Bad gateway</html>', 502, 'Bad Gateway')).toEqual({ title: 'Bad Gateway', status: 502 });
  });
});

describe('problemMessage', () => {
  it('prefers the detail, then the title', () => {
    expect(problemMessage(new ApiError({ title: 'Forbidden', status: 403, detail: 'owners only' }, ''))).toBe('owners only');
    expect(problemMessage(new ApiError({ title: 'Forbidden', status: 403 }, ''))).toBe('Forbidden');
  });

  it('explains network failures', () => {
    expect(problemMessage(new TypeError('Failed to fetch'))).toMatch(/could not reach the server/i);
  });
});

describe('isApiError', () => {
  it('matches on status and code', () => {
    const error = new ApiError({ title: 'x', status: 403, code: 'workspace.suspended' }, '');
    expect(isApiError(error, { status: 403, code: 'workspace.suspended' })).toBe(true);
    expect(isApiError(error, { code: 'auth.forbidden' })).toBe(false);
    expect(isApiError(new Error('x'))).toBe(false);
  });
});

describe('workspaceIdFromUrl', () => {
  it('finds the workspace segment of workspace-scoped API paths only', () => {
    expect(workspaceIdFromUrl('http://h/api/workspaces/abc-1/members?limit=5')).toBe('abc-1');
    expect(workspaceIdFromUrl('http://h/api/workspaces/abc-1')).toBe('abc-1');
    expect(workspaceIdFromUrl('http://h/api/me')).toBeUndefined();
  });
});
