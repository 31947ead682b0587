import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BoardView, ConvertLeadRequest, CreateDealRequest, DealView, MoveDealRequest, StageInput, UpdateDealRequest } from '../../api/types';
import { auditKeys } from '../audit/queries';
import { leadKeys } from '../leads/queries';
import { appendColumnPage, replaceDeal } from './board';
import { dealFilterKey, toDealFilterQuery, type BoardFilters } from './filters';

export const BOARD_COLUMN_LIMIT = 20;

export const dealKeys = {
  all: (workspaceId: string) => ['workspaces', workspaceId, 'deals'] as const,
  boards: (workspaceId: string) => ['workspaces', workspaceId, 'deals', 'board'] as const,
  board: (workspaceId: string, pipelineId: string, filters: Omit<BoardFilters, 'pipeline' | 'openOnly'>) =>
    ['workspaces', workspaceId, 'deals', 'board', pipelineId, filters] as const,
  detail: (workspaceId: string, dealId: string) => ['workspaces', workspaceId, 'deals', 'detail', dealId] as const,
  summary: (workspaceId: string, kind: 'contact' | 'company', id: string) => ['workspaces', workspaceId, 'deals', 'summary', kind, id] as const,
  pipelines: (workspaceId: string) => ['workspaces', workspaceId, 'pipelines'] as const,
  lostReasons: (workspaceId: string) => ['workspaces', workspaceId, 'lost-reasons'] as const,
};

export function usePipelines(workspaceId: string) {
  return useQuery({
    queryKey: dealKeys.pipelines(workspaceId),
    queryFn: async () => (await unwrap(api.GET('/api/workspaces/{workspaceId}/pipelines', { params: { path: { workspaceId } } }))).data,
    staleTime: 30_000,
  });
}

export function useLostReasons(workspaceId: string) {
  return useQuery({
    queryKey: dealKeys.lostReasons(workspaceId),
    queryFn: async () => (await unwrap(api.GET('/api/workspaces/{workspaceId}/lost-reasons', { params: { path: { workspaceId } } }))).data,
    staleTime: 30_000,
  });
}

export function useBoard(workspaceId: string, pipelineId: string | undefined, filters: BoardFilters) {
  return useQuery({
    queryKey: dealKeys.board(workspaceId, pipelineId ?? '', dealFilterKey(filters)),
    queryFn: () =>
      unwrap(
        api.GET('/api/workspaces/{workspaceId}/pipelines/{pipelineId}/board', {
          params: {
          path: { workspaceId, pipelineId: pipelineId ?? '' },
          query: {
            ...toDealFilterQuery(filters),
            ...(filters.closedSince ? { closedSince: filters.closedSince } : {}),
            limit: BOARD_COLUMN_LIMIT,
          },
        },
        }),
      ),
    enabled: Boolean(pipelineId),
    // Keep the columns on screen while another filter loads (not across pipelines: other stages).
    placeholderData: (previous) => (previous?.pipeline.id === pipelineId ? keepPreviousData(previous) : undefined),
  });
}

/**
 * Per-column "Load more": the next page of one stage's deals, appended to the
 * cached board. A won or lost column passes the board's `closedSince` (its
 * period), or its pages would bring in deals closed before it.
 */
export function useLoadMoreColumn(workspaceId: string, pipelineId: string, filters: BoardFilters) {
  const queryClient = useQueryClient();
  const key = dealKeys.board(workspaceId, pipelineId, dealFilterKey(filters));
  return useMutation({
    mutationFn: ({ stageId, cursor, closedSince }: { stageId: string; cursor: string; closedSince?: string }) =>
      unwrap(
        api.GET('/api/workspaces/{workspaceId}/deals', {
          params: {
            path: { workspaceId },
            query: { ...toDealFilterQuery(filters), ...(closedSince ? { closedSince } : {}), stageId, cursor, limit: BOARD_COLUMN_LIMIT },
          },
        }),
      ),
    onSuccess: (page, { stageId }) => {
      queryClient.setQueryData<BoardView>(key, (board) => (board ? appendColumnPage(board, stageId, page) : board));
    },
  });
}

export function useDeal(workspaceId: string, dealId: string) {
  return useQuery({
    queryKey: dealKeys.detail(workspaceId, dealId),
    queryFn: () => unwrap(api.GET('/api/workspaces/{workspaceId}/deals/{dealId}', { params: { path: { workspaceId, dealId } } })),
  });
}

export function useDealSummary(workspaceId: string, kind: 'contact' | 'company', id: string) {
  return useQuery({
    queryKey: dealKeys.summary(workspaceId, kind, id),
    queryFn: () =>
      kind === 'contact'
        ? unwrap(api.GET('/api/workspaces/{workspaceId}/contacts/{contactId}/deal-summary', { params: { path: { workspaceId, contactId: id } } }))
        : unwrap(api.GET('/api/workspaces/{workspaceId}/companies/{companyId}/deal-summary', { params: { path: { workspaceId, companyId: id } } })),
  });
}

/**
 * After a deal changed: its detail gets the server's view, every cached board
 * holds the new version (no refetch, so loaded "more" pages stay), and the
 * summaries, timelines and audit feed refetch.
 */
export async function dealChanged(queryClient: QueryClient, workspaceId: string, deal: DealView) {
  queryClient.setQueryData(dealKeys.detail(workspaceId, deal.id), deal);
  queryClient.setQueriesData<BoardView>({ queryKey: dealKeys.boards(workspaceId) }, (board) =>
    board && board.pipeline.id === deal.pipelineId ? replaceDeal(board, deal) : board,
  );
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: dealKeys.all(workspaceId), predicate: (q) => q.queryKey[3] !== 'detail' && q.queryKey[3] !== 'board' }),
    queryClient.invalidateQueries({ queryKey: ['workspaces', workspaceId], predicate: (q) => q.queryKey[3] === 'timeline' }),
    queryClient.invalidateQueries({ queryKey: ['workspaces', workspaceId, 'members'] }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all(workspaceId) }),
  ]);
}

export function useCreateDeal(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateDealRequest; idempotencyKey?: string }) =>
      unwrap(
        api.POST('/api/workspaces/{workspaceId}/deals', {
          params: { path: { workspaceId }, ...(idempotencyKey ? { header: { 'Idempotency-Key': idempotencyKey } } : {}) },
          body,
        }),
      ),
    onSuccess: async (deal) => {
      // A new card: the boards refetch (replaceDeal would put it on top of a page it may not belong to).
      await Promise.all([dealChanged(queryClient, workspaceId, deal), queryClient.invalidateQueries({ queryKey: dealKeys.boards(workspaceId) })]);
    },
  });
}

export function useUpdateDeal(workspaceId: string, dealId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateDealRequest) =>
      unwrap(api.PATCH('/api/workspaces/{workspaceId}/deals/{dealId}', { params: { path: { workspaceId, dealId } }, body })),
    onSuccess: (deal) => dealChanged(queryClient, workspaceId, deal),
  });
}

export function moveDeal(workspaceId: string, dealId: string, body: MoveDealRequest) {
  return unwrap(api.POST('/api/workspaces/{workspaceId}/deals/{dealId}/stage', { params: { path: { workspaceId, dealId } }, body }));
}

export function reopenDeal(workspaceId: string, dealId: string, stageId?: string) {
  return unwrap(
    api.POST('/api/workspaces/{workspaceId}/deals/{dealId}/reopen', { params: { path: { workspaceId, dealId } }, body: stageId ? { stageId } : {} }),
  );
}

/** Stage move from the detail page (the board does its own optimistic version). */
export function useMoveDeal(workspaceId: string, dealId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MoveDealRequest) => moveDeal(workspaceId, dealId, body),
    onSuccess: (deal) => dealChanged(queryClient, workspaceId, deal),
  });
}

export function useReopenDeal(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ dealId, stageId }: { dealId: string; stageId?: string }) => reopenDeal(workspaceId, dealId, stageId),
    onSuccess: (deal) => dealChanged(queryClient, workspaceId, deal),
  });
}

// Lead conversion ------------------------------------------------------------

export function useConversionPreview(workspaceId: string, leadId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...leadKeys.detail(workspaceId, leadId), 'conversion-preview'],
    queryFn: () =>
      unwrap(api.POST('/api/workspaces/{workspaceId}/leads/{leadId}/conversion/preview', { params: { path: { workspaceId, leadId } } })),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useConvertLead(workspaceId: string, leadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConvertLeadRequest) =>
      unwrap(api.POST('/api/workspaces/{workspaceId}/leads/{leadId}/conversion', { params: { path: { workspaceId, leadId } }, body })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: leadKeys.all(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: dealKeys.all(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: ['workspaces', workspaceId, 'contacts'] }),
        queryClient.invalidateQueries({ queryKey: ['workspaces', workspaceId, 'companies'] }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all(workspaceId) }),
      ]);
    },
  });
}

// Settings: pipelines, stages, lost reasons ------------------------------------

function useSettingsMutation<TVars, TResult>(workspaceId: string, fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: dealKeys.pipelines(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: dealKeys.lostReasons(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: dealKeys.all(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all(workspaceId) }),
      ]);
    },
  });
}

export function useCreatePipeline(workspaceId: string) {
  return useSettingsMutation(workspaceId, (body: { name: string }) =>
    unwrap(api.POST('/api/workspaces/{workspaceId}/pipelines', { params: { path: { workspaceId } }, body })),
  );
}

export function useRenamePipeline(workspaceId: string) {
  return useSettingsMutation(workspaceId, ({ pipelineId, name }: { pipelineId: string; name: string }) =>
    unwrap(api.PATCH('/api/workspaces/{workspaceId}/pipelines/{pipelineId}', { params: { path: { workspaceId, pipelineId } }, body: { name } })),
  );
}

export function useSaveStages(workspaceId: string) {
  return useSettingsMutation(workspaceId, ({ pipelineId, stages }: { pipelineId: string; stages: StageInput[] }) =>
    unwrap(api.PUT('/api/workspaces/{workspaceId}/pipelines/{pipelineId}/stages', { params: { path: { workspaceId, pipelineId } }, body: { stages } })),
  );
}

export function useDeleteStage(workspaceId: string) {
  return useSettingsMutation(workspaceId, ({ pipelineId, stageId, moveTo }: { pipelineId: string; stageId: string; moveTo?: string }) =>
    unwrap(
      api.DELETE('/api/workspaces/{workspaceId}/pipelines/{pipelineId}/stages/{stageId}', {
        params: { path: { workspaceId, pipelineId, stageId }, query: moveTo ? { moveTo } : {} },
      }),
    ),
  );
}

export function useCreateLostReason(workspaceId: string) {
  return useSettingsMutation(workspaceId, (body: { label: string }) =>
    unwrap(api.POST('/api/workspaces/{workspaceId}/lost-reasons', { params: { path: { workspaceId } }, body })),
  );
}

export function useSetLostReasonArchived(workspaceId: string) {
  return useSettingsMutation(workspaceId, ({ reasonId, archived }: { reasonId: string; archived: boolean }) =>
    unwrap(api.PATCH('/api/workspaces/{workspaceId}/lost-reasons/{reasonId}', { params: { path: { workspaceId, reasonId } }, body: { archived } })),
  );
}
