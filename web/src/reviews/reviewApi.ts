import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { paths } from '../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never) : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

export type Review = Ok<paths['/api/v1/reviews/{id}']['get']>;
export type ReviewHoldBody = Body<paths['/api/v1/reviews/{id}/hold']['post']>;

export const reviewKeys = { account: (accountId: string) => ['reviews', 'account', accountId] as const };

export function useAccountReviews(accountId: string) {
  return useQuery({ queryKey: reviewKeys.account(accountId), queryFn: () => call(client.GET('/api/v1/accounts/{id}/reviews', { params: { path: { id: accountId }, query: { limit: 50 } } })) });
}

/** The pack's address: a plain link (the session cookie authenticates the download). */
export const packUrl = (reviewId: string): string => `/api/v1/reviews/${reviewId}/pack.xlsx`;

export function useReviewActions(accountId: string) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: reviewKeys.account(accountId) });
    void queryClient.invalidateQueries({ queryKey: ['plans'] });
    void queryClient.invalidateQueries({ queryKey: ['me', 'home'] });
  };
  const schedule = useMutation({
    mutationFn: (scheduledOn: string | undefined) => call(client.POST('/api/v1/accounts/{id}/reviews', { params: { path: { id: accountId } }, body: scheduledOn ? { scheduledOn } : {} })),
    onSuccess: refresh,
  });
  const hold = useMutation({
    mutationFn: ({ review, body }: { review: Review; body: ReviewHoldBody }) => call(client.POST('/api/v1/reviews/{id}/hold', { params: { path: { id: review.id } }, headers: ifMatch(review.version), body })),
    onSettled: refresh,
  });
  const cancel = useMutation({
    mutationFn: (review: Review) => call(client.DELETE('/api/v1/reviews/{id}', { params: { path: { id: review.id } }, headers: ifMatch(review.version) })),
    onSettled: refresh,
  });
  const agenda = useMutation({
    mutationFn: ({ review, text }: { review: Review; text: string }) => call(client.POST('/api/v1/reviews/{id}/agenda', { params: { path: { id: review.id } }, body: { text } })),
    onSuccess: refresh,
  });
  return { schedule, hold, cancel, agenda };
}
