import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { paths } from '../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never) : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

export type Handover = Ok<paths['/api/v1/handovers']['get']>['items'][number];
export type HandoverDetail = Ok<paths['/api/v1/handovers/{id}']['get']>;
export type HandoverState = Handover['state'];
export type HandoverCreateBody = Body<paths['/api/v1/accounts/{id}/handovers']['post']>;
export type ChecklistKey = keyof Handover['checklist'];

export const CHECKLIST_KEYS = ['contractSigned', 'keyContactsIntroduced', 'openCommitments', 'pricingAgreed', 'firstReviewDate'] as const satisfies readonly ChecklistKey[];

export const handoverKeys = {
  list: (state: string, mine: boolean, cursor: string | undefined) => ['handovers', 'list', state, mine, cursor ?? ''] as const,
  account: (accountId: string) => ['handovers', 'account', accountId] as const,
  one: (id: string) => ['handovers', id] as const,
};

export function useHandovers(state: HandoverState | 'all', mine: boolean, cursor: string | undefined) {
  return useQuery({
    queryKey: handoverKeys.list(state, mine, cursor),
    queryFn: () => call(client.GET('/api/v1/handovers', { params: { query: { limit: 25, ...(state === 'all' ? {} : { state }), ...(mine ? { mine: true } : {}), ...(cursor ? { cursor } : {}) } } })),
  });
}

export function useAccountHandovers(accountId: string) {
  return useQuery({ queryKey: handoverKeys.account(accountId), queryFn: () => call(client.GET('/api/v1/accounts/{id}/handovers', { params: { path: { id: accountId }, query: { limit: 20 } } })) });
}

export function useHandover(id: string) {
  return useQuery({ queryKey: handoverKeys.one(id), queryFn: () => call(client.GET('/api/v1/handovers/{id}', { params: { path: { id } } })) });
}

/** After a handover changes: every handover list, the account (owner, stage, team), its reviews, home. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    for (const key of [['handovers'], ['accounts'], ['account'], ['reviews'], ['me', 'home']]) void queryClient.invalidateQueries({ queryKey: key });
  };
}

export function useStartHandover(accountId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: HandoverCreateBody) => call(client.POST('/api/v1/accounts/{id}/handovers', { params: { path: { id: accountId } }, body })),
    onSuccess: refresh,
  });
}

export function useHandoverDecisions(handover: Pick<HandoverDetail, 'id' | 'version'>) {
  const refresh = useRefresh();
  const params = { path: { id: handover.id } };
  const headers = ifMatch(handover.version);
  return {
    accept: useMutation({ mutationFn: () => call(client.POST('/api/v1/handovers/{id}/accept', { params, headers })), onSettled: refresh }),
    giveBack: useMutation({ mutationFn: (reason: string) => call(client.POST('/api/v1/handovers/{id}/return', { params, headers, body: { reason } })), onSettled: refresh }),
    cancel: useMutation({ mutationFn: () => call(client.POST('/api/v1/handovers/{id}/cancel', { params, headers })), onSettled: refresh }),
    update: useMutation({
      mutationFn: (body: NonNullable<Body<paths['/api/v1/handovers/{id}']['patch']>>) => call(client.PATCH('/api/v1/handovers/{id}', { params, headers, body })),
      onSettled: refresh,
    }),
  };
}
