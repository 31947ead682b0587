import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { BoardView } from '../../api/types';
import { ToastProvider } from '../../components/Toast';
import { json, mockApi, problem } from '../../test/api';
import { boardFixture, DEAL_ID, dealFixture, STAGE } from '../../test/deals';
import { testQueryClient, WS_ID } from '../../test/render';
import { dealFilterKey, type BoardFilters } from './filters';
import { dealKeys } from './queries';
import { useBoardMoves } from './useBoardMoves';

const filters: BoardFilters = { pipeline: '', owner: '', company: '', contact: '', openOnly: false, stale: false, q: '', closedSince: '' };

function setup(answer: (body: Record<string, unknown>) => Response, deal = dealFixture()) {
  const bodies: Record<string, unknown>[] = [];
  mockApi({
    [`POST /api/workspaces/${WS_ID}/deals/${DEAL_ID}/stage`]: async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      bodies.push(body);
      return answer(body);
    },
  });
  const queryClient = testQueryClient();
  const board = boardFixture(deal);
  const key = dealKeys.board(WS_ID, board.pipeline.id, dealFilterKey(filters));
  queryClient.setQueryData(key, board);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
  const hook = renderHook(() => useBoardMoves(WS_ID, queryClient.getQueryData<BoardView>(key)!, filters), { wrapper });
  const column = (stageId: string) => queryClient.getQueryData<BoardView>(key)!.columns.find((c) => c.stageId === stageId)!;
  return { hook, bodies, column, board };
}

describe('board moves', () => {
  it('moves the card at once and keeps the server’s version', async () => {
    const planned = { nextActionDate: '2999-01-01' };
    const { hook, bodies, column } = setup(
      () => json(dealFixture({ ...planned, stageId: STAGE.proposal, stageName: 'Proposal', probability: 50, weighted: { amount: '500.00', currency: 'EUR' } })),
      dealFixture(planned),
    );
    act(() => hook.result.current.drop(DEAL_ID, STAGE.proposal));
    await waitFor(() => expect(column(STAGE.proposal).deals).toHaveLength(1));
    expect(column(STAGE.qualification).deals).toHaveLength(0);
    await screen.findByText('“Engines pilot” moved to Proposal');
    expect(bodies).toEqual([{ stageId: STAGE.proposal }]);
    expect(column(STAGE.proposal).weighted.amount).toBe('500.00');
  });

  it('rolls the card back with an error toast when the server refuses', async () => {
    const { hook, column, board } = setup(() => problem(403, 'auth.forbidden', { detail: 'Viewers cannot change deals.' }), dealFixture({ nextActionDate: '2999-01-01' }));
    act(() => hook.result.current.drop(DEAL_ID, STAGE.proposal));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringContaining('Could not move “Engines pilot”: Viewers cannot change deals.'));
    expect(column(STAGE.qualification)).toEqual(board.columns[0]);
    expect(column(STAGE.proposal).count).toBe(0);
  });

  it('asks for a reason before a lost stage, and again when the server wants one', async () => {
    const { hook, bodies, column } = setup((body) =>
      body.lostReasonId ? json(dealFixture({ stageId: STAGE.lost, status: 'lost' })) : problem(422, 'deal.lost_reason_required'),
    );
    act(() => hook.result.current.drop(DEAL_ID, STAGE.lost));
    expect(hook.result.current.pending).toMatchObject({ kind: 'lose', target: { id: STAGE.lost } });
    expect(bodies).toEqual([]);

    // A move the client thought plain, refused by the server: the dialog comes back.
    await act(() => hook.result.current.commitMove(dealFixture(), { id: STAGE.lost, name: 'Lost', position: 3, probability: 0, kind: 'lost' }));
    expect(hook.result.current.pending).toMatchObject({ kind: 'lose' });
    expect(column(STAGE.qualification).deals).toHaveLength(1);

    await act(() =>
      hook.result.current.commitMove(dealFixture(), { id: STAGE.lost, name: 'Lost', position: 3, probability: 0, kind: 'lost' }, { body: { lostReasonId: 'r1' }, label: 'Price' }),
    );
    expect(bodies.at(-1)).toEqual({ stageId: STAGE.lost, lostReasonId: 'r1' });
    expect(hook.result.current.pending).toBeNull();
  });

  it('offers to reopen a closed deal instead of moving it', () => {
    const { hook, bodies } = setup(() => json({}), dealFixture({ status: 'won', stageId: STAGE.won, stageName: 'Won' }));
    act(() => hook.result.current.drop(DEAL_ID, STAGE.proposal));
    expect(hook.result.current.pending).toMatchObject({ kind: 'reopen', target: { id: STAGE.proposal } });
    act(() => hook.result.current.drop(DEAL_ID, STAGE.won));
    expect(bodies).toEqual([]);
  });

  it('asks for the next step before a forward move without one, sends it with the move, and shows the server’s 422 on the field', async () => {
    const proposal = { id: STAGE.proposal, name: 'Proposal', position: 1, probability: 50, kind: 'open' } as const;
    const { hook, bodies, column } = setup((body) =>
      body.nextActionDate === '2999-01-01'
        ? json(dealFixture({ stageId: STAGE.proposal, stageName: 'Proposal', nextActionDate: '2999-01-01' }))
        : problem(422, 'deal.next_action_required', { errors: [{ field: 'nextActionDate', code: 'required', message: 'must be today or later' }] }),
    );
    // Forward without a next action date: ask first, send nothing.
    act(() => hook.result.current.drop(DEAL_ID, STAGE.proposal));
    expect(hook.result.current.pending).toMatchObject({ kind: 'advance', target: { id: STAGE.proposal } });
    expect(bodies).toEqual([]);

    // The server refuses anyway (e.g. its date is later): the card goes back and the dialog shows why.
    await act(() => hook.result.current.commitMove(dealFixture(), proposal, undefined, { nextActionDate: '2000-01-01' }));
    expect(hook.result.current.pending).toMatchObject({ kind: 'advance', serverError: 'must be today or later' });
    expect(column(STAGE.qualification).deals).toHaveLength(1);

    await act(() => hook.result.current.commitMove(dealFixture(), proposal, undefined, { nextActionDate: '2999-01-01', nextActionText: 'Call' }));
    expect(bodies.at(-1)).toEqual({ stageId: STAGE.proposal, nextActionDate: '2999-01-01', nextActionText: 'Call' });
    expect(hook.result.current.pending).toBeNull();
  });

  it('moves backwards, or forward with a next step planned, without asking', () => {
    const { hook } = setup(() => json(dealFixture()), dealFixture({ stageId: STAGE.proposal, nextActionDate: null }));
    act(() => hook.result.current.drop(DEAL_ID, STAGE.qualification));
    expect(hook.result.current.pending).toBeNull();
  });
});
