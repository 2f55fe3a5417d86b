import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, client } from '../api/client';
import type { paths } from '../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : never) : never;

export type AccountDynamics = Ok<paths['/api/v1/accounts/{id}/dynamics']['get']>;
export type PortfolioDynamics = Ok<paths['/api/v1/dynamics']['get']>;
export type Dynamics = Omit<AccountDynamics, 'accountId'>;
export type Whitespace = Ok<paths['/api/v1/accounts/{id}/whitespace']['get']>;
export type PortfolioQuery = NonNullable<paths['/api/v1/dynamics']['get']['parameters']['query']>;

export function useAccountDynamics(accountId: string, years: number) {
  return useQuery({
    queryKey: ['dynamics', 'account', accountId, years],
    queryFn: () => call(client.GET('/api/v1/accounts/{id}/dynamics', { params: { path: { id: accountId }, query: { years } } })),
    placeholderData: keepPreviousData,
  });
}

export function usePortfolioDynamics(query: PortfolioQuery) {
  return useQuery({ queryKey: ['dynamics', 'portfolio', query], queryFn: () => call(client.GET('/api/v1/dynamics', { params: { query } })), placeholderData: keepPreviousData });
}

export function useWhitespace(accountId: string) {
  return useQuery({ queryKey: ['dynamics', 'whitespace', accountId], queryFn: () => call(client.GET('/api/v1/accounts/{id}/whitespace', { params: { path: { id: accountId } } })) });
}
