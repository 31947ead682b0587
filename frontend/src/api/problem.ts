/**
 * The API's error shape (`application/problem+json`) and the error type every
 * failed API call is turned into, so pages and forms can read `status`,
 * `code`, `detail` and field errors without caring where the call came from.
 */
export interface FieldProblem {
  /** camelCase JSON field name, e.g. `email` or `currentPassword`. */
  field: string;
  code: string;
  message: string;
}

export interface ProblemDetails {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  request_id?: string;
  errors?: FieldProblem[];
  /** Members beyond RFC 9457's and ours, e.g. `duplicates` on 409 `company.possible_duplicate`. */
  extensions?: Record<string, unknown>;
}

const KNOWN_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'code', 'request_id', 'errors']);

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;
  /** Absolute URL of the failed request; used to tell which workspace it hit. */
  readonly url: string;

  constructor(problem: ProblemDetails, url: string) {
    super(problem.detail || problem.title || `Request failed with status ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.url = url;
  }

  get code(): string | undefined {
    return this.problem.code;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    isRecord(value) &&
    typeof value.field === 'string' &&
    typeof value.code === 'string' &&
    typeof value.message === 'string'
  );
}

/** Reads a problem body defensively: proxies and crashes do not send problem+json. */
export function toProblem(body: unknown, status: number, statusText = ''): ProblemDetails {
  if (isRecord(body)) {
    const extra = Object.entries(body).filter(([key]) => !KNOWN_MEMBERS.has(key));
    return {
      type: typeof body.type === 'string' ? body.type : undefined,
      title:
        typeof body.title === 'string' ? body.title : statusText || `Request failed (${status})`,
      status: typeof body.status === 'number' ? body.status : status,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      code: typeof body.code === 'string' ? body.code : undefined,
      request_id: typeof body.request_id === 'string' ? body.request_id : undefined,
      errors: Array.isArray(body.errors) ? body.errors.filter(isFieldProblem) : undefined,
      ...(extra.length > 0 ? { extensions: Object.fromEntries(extra) } : {}),
    };
  }
  return { title: statusText || `Request failed (${status})`, status };
}

export function isApiError(error: unknown, match?: { status?: number; code?: string }): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (match?.status !== undefined && error.status !== match.status) return false;
  if (match?.code !== undefined && error.code !== match.code) return false;
  return true;
}

/** A sentence for a toast or an error panel: the problem's detail, else its title. */
export function problemMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail || error.problem.title;
  if (error instanceof TypeError) return 'Could not reach the server. Check your connection.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

const WORKSPACE_PATH = /\/api\/workspaces\/([^/?#]+)/;

/** The workspace id in an API URL such as `/api/workspaces/{id}/members`. */
export function workspaceIdFromUrl(url: string): string | undefined {
  const match = WORKSPACE_PATH.exec(url);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
