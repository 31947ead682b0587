import { vi } from 'vitest';

export type Handler = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}): Response {
  return new Response(
    JSON.stringify({ type: 'about:blank', title: extra.title ?? 'Problem', status, code, request_id: 'req-1', ...extra }),
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

/**
 * Stubs the global fetch with a table of "METHOD /path" handlers (path
 * without query). Unknown requests answer 500 so a test notices them.
 * Returns the list of requests seen.
 */
export function mockApi(handlers: Record<string, Handler>) {
  const seen: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    seen.push(request);
    const url = new URL(request.url);
    const handler = handlers[`${request.method} ${url.pathname}`];
    if (!handler) return problem(500, 'test.unhandled', { title: `Unhandled ${request.method} ${url.pathname}` });
    return handler(request);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { seen, fetchMock };
}
