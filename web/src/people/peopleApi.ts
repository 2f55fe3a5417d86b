import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, ifMatch } from '../api/client';
import type { paths } from '../api/schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never) : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

export type Profile = Ok<paths['/api/v1/people/{id}/profile']['get']>;
export type ProfileBody = Body<paths['/api/v1/people/{id}/profile']['put']>;
export type Skills = Ok<paths['/api/v1/people/{id}/skills']['get']>;
export type SkillLine = Skills['skills'][number];
export type Goal = Skills['goals'][number];
export type RatingsBody = Body<paths['/api/v1/people/{id}/skills/ratings']['post']>;
export type PeopleSettings = Ok<paths['/api/v1/settings/people']['get']>;
export type Book = Ok<paths['/api/v1/people/{id}/book']['get']>;
export type OwnerCandidates = Ok<paths['/api/v1/accounts/{id}/owner-candidates']['get']>;
export type RankedCandidate = OwnerCandidates['candidates'][number];
export type Factor = RankedCandidate['factors'][number];
export type AssignmentBody = Body<paths['/api/v1/accounts/{id}/owner-assignment']['post']>;
export type ReassignmentPlan = Ok<paths['/api/v1/people/{id}/reassignment']['get']>;
export type PayBand = Ok<paths['/api/v1/pay-bands']['get']>['items'][number];
export type PayBandBody = Body<paths['/api/v1/pay-bands']['post']>;
export type PersonPay = Ok<paths['/api/v1/people/{id}/pay']['get']>;

export const EDUCATION_LEVELS = ['secondary', 'associate', 'bachelor', 'master', 'mba', 'doctorate', 'other'] as const;

export const peopleKeys = {
  profile: (id: string) => ['people', 'profile', id] as const,
  skills: (id: string) => ['people', 'skills', id] as const,
  book: (id: string) => ['people', 'book', id] as const,
  pay: (id: string) => ['people', 'pay', id] as const,
  capacity: ['people', 'capacity'] as const,
  payOverview: ['people', 'pay-overview'] as const,
  bands: ['people', 'pay-bands'] as const,
  settings: ['settings', 'people'] as const,
  candidates: (accountId: string) => ['people', 'candidates', accountId] as const,
  plan: (id: string) => ['people', 'reassignment', id] as const,
};

const path = (id: string) => ({ params: { path: { id } } });

function useInvalidatePeople() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['people'] });
    void queryClient.invalidateQueries({ queryKey: ['me', 'home'] });
  };
}

export const useProfile = (id: string) => useQuery({ queryKey: peopleKeys.profile(id), queryFn: () => call(client.GET('/api/v1/people/{id}/profile', path(id))) });
export const useSkills = (id: string) => useQuery({ queryKey: peopleKeys.skills(id), queryFn: () => call(client.GET('/api/v1/people/{id}/skills', path(id))) });
export const useBook = (id: string) => useQuery({ queryKey: peopleKeys.book(id), queryFn: () => call(client.GET('/api/v1/people/{id}/book', path(id))) });
export const usePersonPay = (id: string) => useQuery({ queryKey: peopleKeys.pay(id), queryFn: () => call(client.GET('/api/v1/people/{id}/pay', path(id))) });
export const useCapacity = () => useQuery({ queryKey: peopleKeys.capacity, queryFn: () => call(client.GET('/api/v1/people/capacity')) });
export const usePayOverview = () => useQuery({ queryKey: peopleKeys.payOverview, queryFn: () => call(client.GET('/api/v1/people/pay')) });
export const usePayBands = () => useQuery({ queryKey: peopleKeys.bands, queryFn: () => call(client.GET('/api/v1/pay-bands')) });
export const usePeopleSettings = () => useQuery({ queryKey: peopleKeys.settings, queryFn: () => call(client.GET('/api/v1/settings/people')), staleTime: 5 * 60_000 });
export const useOwnerCandidates = (accountId: string, enabled: boolean) =>
  useQuery({ queryKey: peopleKeys.candidates(accountId), queryFn: () => call(client.GET('/api/v1/accounts/{id}/owner-candidates', path(accountId))), enabled });
export const useReassignmentPlan = (id: string) => useQuery({ queryKey: peopleKeys.plan(id), queryFn: () => call(client.GET('/api/v1/people/{id}/reassignment', path(id))) });

export function useSaveProfile(profile: Profile) {
  const done = useInvalidatePeople();
  return useMutation({
    mutationFn: (body: ProfileBody) => call(client.PUT('/api/v1/people/{id}/profile', { ...path(profile.userId), body, headers: ifMatch(profile.version) })),
    onSuccess: done,
  });
}

export function useRateSkills(userId: string) {
  const done = useInvalidatePeople();
  return useMutation({ mutationFn: (body: RatingsBody) => call(client.POST('/api/v1/people/{id}/skills/ratings', { ...path(userId), body })), onSuccess: done });
}

export function useCreateGoal(userId: string) {
  const done = useInvalidatePeople();
  return useMutation({ mutationFn: (skill: string) => call(client.POST('/api/v1/people/{id}/goals', { ...path(userId), body: { skill } })), onSuccess: done });
}

export function useFinishGoal() {
  const done = useInvalidatePeople();
  return useMutation({
    mutationFn: (goal: Goal) => call(client.PATCH('/api/v1/development-goals/{id}', { ...path(goal.id), body: { status: 'done' }, headers: ifMatch(goal.version) })),
    onSuccess: done,
  });
}

export function useAssignOwner(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: AssignmentBody }) =>
      call(client.POST('/api/v1/accounts/{id}/owner-assignment', { ...path(accountId), body, headers: ifMatch(version) })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      void queryClient.invalidateQueries({ queryKey: ['handovers'] });
    },
  });
}

export function useReassign(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assignments: { accountId: string; toUserId: string }[]) => call(client.POST('/api/v1/people/{id}/reassignment', { ...path(userId), body: { assignments } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
}

export function useCreatePayBand() {
  const done = useInvalidatePeople();
  return useMutation({ mutationFn: (body: PayBandBody) => call(client.POST('/api/v1/pay-bands', { body })), onSuccess: done });
}
