import type { paths } from './schema';

export type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
export type Ok<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never) : never;
export type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;
export type Query<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type Me = Ok<paths['/api/v1/me']['get']>;
export type MePatch = Body<paths['/api/v1/me']['patch']>;
export type Role = Me['role'];
export type Account = Ok<paths['/api/v1/accounts/{id}']['get']>;
export type AccountCreateBody = Body<paths['/api/v1/accounts']['post']>;
export type AccountPatchBody = Body<paths['/api/v1/accounts/{id}']['patch']>;
export type AccountListQuery = Query<paths['/api/v1/accounts']['get']>;
export type Stage = Account['stage'];
export type AccountSort = NonNullable<AccountListQuery['sort']>;
export type Contact = Ok<paths['/api/v1/accounts/{id}/contacts/{contactId}']['get']>;
export type ContactCreateBody = Body<paths['/api/v1/accounts/{id}/contacts']['post']>;
export type ContactPatchBody = Body<paths['/api/v1/accounts/{id}/contacts/{contactId}']['patch']>;
export type BuyingRole = NonNullable<Contact['buyingRole']>;
export type TeamMember = Ok<paths['/api/v1/accounts/{id}/team']['get']>['items'][number];
export type TeamRole = TeamMember['role'];
export type User = Ok<paths['/api/v1/users']['get']>['items'][number];
export type Transaction = Ok<paths['/api/v1/transactions']['get']>['items'][number];
export type Monthly = Ok<paths['/api/v1/accounts/{id}/monthly']['get']>;

export const STAGES = ['prospect', 'onboarding', 'active', 'at_risk', 'churned'] as const satisfies readonly Stage[];
export const BUYING_ROLES = ['economic_buyer', 'decision_maker', 'influencer', 'champion', 'user', 'blocker', 'gatekeeper'] as const satisfies readonly BuyingRole[];
export const ACCOUNT_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const satisfies readonly AccountSort[];
export const LOCALES = ['en', 'de', 'pl', 'sv', 'hi'] as const;
