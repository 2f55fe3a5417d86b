import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { ifMatchVersion, requireActor, withEtag } from '../../http/request.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import {
  AssignmentResult, Book, Capacity, ExpectedPayPut, Goal, GoalCreate, GoalUpdate, OwnerAssignment, OwnerCandidates, PayBand, PayBandCreate, PayBandList,
  PayBandUpdate, PayOverview, PeopleSettings, PeopleSettingsPut, PersonPay, Profile, ProfilePut, RatingHistory, RatingsPost, Reassignment, ReassignmentPlan,
  ReassignmentResult, Skills,
} from './schemas.ts';
import * as service from './service.ts';

export function peopleRoutes(app: App, ctx: AppContext): void {
  const tags = ['people'];
  for (const schema of [Profile, Goal, Skills, PeopleSettings, Book, OwnerCandidates, ReassignmentPlan, PayBand, PersonPay]) app.addSchema(schema);
  const personal = 'The person, their managers (up the reporting lines), directors and admins';

  // --- profile and skills ---
  app.get('/people/:id/profile', {
    schema: { tags, summary: "A person's profile: education, certifications, experience, industries, countries, languages", description: personal, params: IdParams, response: { 200: Type.Ref(Profile), ...problemResponses(401, 403, 404) } },
  }, async (request, reply) => withEtag(reply, await service.getProfile(ctx, requireActor(request), request.params.id)));

  app.put('/people/:id/profile', {
    schema: { tags, summary: 'Replace a profile (the person, their managers or an admin; If-Match)', params: IdParams, body: ProfilePut, response: { 200: Type.Ref(Profile), ...problemResponses(400, 401, 403, 404, 412, 428) } },
  }, async (request, reply) => withEtag(reply, await service.putProfile(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.get('/people/:id/skills', {
    schema: { tags, summary: 'Skills: self and manager ratings side by side, the role target and the gap; development goals', description: personal, params: IdParams, response: { 200: Type.Ref(Skills), ...problemResponses(401, 403, 404) } },
  }, async (request) => service.getSkills(ctx, requireActor(request), request.params.id));

  app.post('/people/:id/skills/ratings', {
    schema: {
      tags,
      summary: 'Rate skills (kept as history): kind self by the person only, kind manager by someone they report to',
      params: IdParams,
      body: RatingsPost,
      response: { 201: Type.Ref(Skills), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => reply.status(201).send(await service.rateSkills(ctx, requireActor(request), request.params.id, request.body)));

  app.get('/people/:id/skills/history', {
    schema: { tags, summary: 'Every rating given, newest first (up to 200)', description: personal, params: IdParams, response: { 200: RatingHistory, ...problemResponses(401, 403, 404) } },
  }, async (request) => service.getRatingHistory(ctx, requireActor(request), request.params.id));

  app.post('/people/:id/goals', {
    schema: { tags, summary: 'Turn a skill gap into a development goal (target rating defaults to the role target)', params: IdParams, body: GoalCreate, response: { 201: Type.Ref(Goal), ...problemResponses(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createGoal(ctx, requireActor(request), request.params.id, request.body))));

  app.patch('/development-goals/:id', {
    schema: { tags, summary: 'Change a development goal: target, due date, note, status (open, done, dropped)', params: IdParams, body: GoalUpdate, response: { 200: Type.Ref(Goal), ...problemResponses(400, 401, 403, 404, 412, 428) } },
  }, async (request, reply) => withEtag(reply, await service.updateGoal(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.get('/settings/people', {
    schema: { tags: ['settings'], summary: 'Skill list, role profiles (target ratings), tier weights and capacity targets (ETag: version)', response: { 200: Type.Ref(PeopleSettings), ...problemResponses(401) } },
  }, async (request, reply) => withEtag(reply, await service.getPeopleSettings(ctx, requireActor(request))));

  app.put('/settings/people', {
    schema: { tags: ['settings'], summary: 'Change the skill list, role profiles, tier weights and capacity targets (admin; If-Match)', body: PeopleSettingsPut, response: { 200: Type.Ref(PeopleSettings), ...problemResponses(400, 401, 403, 412, 428) } },
  }, async (request, reply) => withEtag(reply, await service.putPeopleSettings(ctx, requireActor(request), ifMatchVersion(request), request.body)));

  // --- capacity ---
  app.get('/people/:id/book', {
    schema: { tags, summary: "A person's book: accounts by tier, revenue and gross profit (trailing 12 months), open cases, interactions per month, workload", description: personal, params: IdParams, response: { 200: Type.Ref(Book), ...problemResponses(401, 403, 404) } },
  }, async (request) => service.getBook(ctx, requireActor(request), request.params.id));

  app.get('/people/capacity', {
    schema: { tags, summary: 'Team capacity: the books of the people I see (managers: their reports; KAM and BD: their own), most headroom first', response: { 200: Capacity, ...problemResponses(401) } },
  }, async (request) => service.getCapacity(ctx, requireActor(request)));

  // --- assignment ---
  app.get('/accounts/:id/owner-candidates', {
    schema: {
      tags,
      summary: "The organisation's key account managers ranked by fit for the account, each factor explained (admin, director, manager)",
      description: 'Factors: industry experience, country, language, the skills the account needs (its tier, open escalations), capacity headroom after taking it on, contacts already known from other accounts.',
      params: IdParams,
      response: { 200: Type.Ref(OwnerCandidates), ...problemResponses(401, 403, 404) },
    },
  }, async (request) => service.getOwnerCandidates(ctx, requireActor(request), request.params.id));

  app.post('/accounts/:id/owner-assignment', {
    schema: {
      tags,
      summary: 'Confirm a new owner: the account team changes and a handover record with its checklist is written (If-Match: the account version)',
      params: IdParams,
      body: OwnerAssignment,
      response: { 200: AssignmentResult, ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    },
  }, async (request) => service.assignOwner(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body));

  app.get('/people/:id/reassignment', {
    schema: { tags, summary: "Suggested owners for a person's whole book (they leave), balancing capacity", params: IdParams, response: { 200: Type.Ref(ReassignmentPlan), ...problemResponses(401, 403, 404) } },
  }, async (request) => service.getReassignmentPlan(ctx, requireActor(request), request.params.id));

  app.post('/people/:id/reassignment', {
    schema: { tags, summary: "Move a person's accounts to new owners in one transaction, a handover record for each", params: IdParams, body: Reassignment, response: { 200: ReassignmentResult, ...problemResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.reassignBook(ctx, requireActor(request), request.params.id, request.body));

  // --- pay ---
  app.get('/pay-bands', {
    schema: { tags, summary: 'Market pay ranges per role and year (admin, director, manager)', response: { 200: PayBandList, ...problemResponses(401, 403) } },
  }, async (request) => service.listPayBands(ctx, requireActor(request)));

  app.post('/pay-bands', {
    schema: { tags, summary: 'Record a market pay range for a role and year (admin)', body: PayBandCreate, response: { 201: Type.Ref(PayBand), ...problemResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await service.createPayBand(ctx, requireActor(request), request.body))));

  app.patch('/pay-bands/:id', {
    schema: { tags, summary: 'Change a pay band (admin; If-Match)', params: IdParams, body: PayBandUpdate, response: { 200: Type.Ref(PayBand), ...problemResponses(400, 401, 403, 404, 409, 412, 428) } },
  }, async (request, reply) => withEtag(reply, await service.updatePayBand(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body)));

  app.delete('/pay-bands/:id', {
    schema: { tags, summary: 'Delete a pay band (admin; If-Match)', params: IdParams, response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 412, 428) } },
  }, async (request, reply) => {
    await service.deletePayBand(ctx, requireActor(request), request.params.id, ifMatchVersion(request));
    return reply.status(204).send(null);
  });

  app.get('/people/:id/pay', {
    schema: { tags, summary: "A person's expected total pay at 100 % attainment against the band of their role", description: personal, params: IdParams, response: { 200: Type.Ref(PersonPay), ...problemResponses(401, 403, 404) } },
  }, async (request) => service.getPersonPay(ctx, requireActor(request), request.params.id));

  app.put('/people/:id/expected-pay', {
    schema: {
      tags,
      summary: 'Record expected total pay at 100 % for a person (admin; If-Match: the version of `expected`, 1 when none)',
      description: 'The fallback while the compensation module stores no plan for the person.',
      params: IdParams,
      body: ExpectedPayPut,
      response: { 200: Type.Ref(PersonPay), ...problemResponses(400, 401, 403, 404, 412, 428) },
    },
  }, async (request) => service.putExpectedPay(ctx, requireActor(request), request.params.id, ifMatchVersion(request), request.body));

  app.get('/people/pay', {
    schema: { tags, summary: 'Pay against the bands: the organisation (admin, director) or my reports (manager); flagged: outside the band', response: { 200: PayOverview, ...problemResponses(401, 403) } },
  }, async (request) => service.getPayOverview(ctx, requireActor(request)));
}
