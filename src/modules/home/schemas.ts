import { Type } from '@sinclair/typebox';
import { Nullable, Uuid } from '../../http/schemas.ts';

const HomeItem = Type.Object(
  {
    id: Type.String(),
    title: Type.Optional(Type.String()),
    accountId: Type.Optional(Nullable(Uuid)),
    accountName: Type.Optional(Nullable(Type.String())),
    dueOn: Type.Optional(Nullable(Type.String())),
    dueAt: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: true, description: "An item of another module's section" },
);

export const Home = Type.Object(
  {
    scope: Type.Union([Type.Literal('mine'), Type.Literal('team'), Type.Literal('organisation')], {
      description: 'mine for kam and bd, team for a manager (their reports, transitively), organisation for director, admin and viewer',
    }),
    overdueAccounts: Type.Array(Type.Ref('OverdueAccount'), { description: 'Longest overdue first (at most 10)' }),
    dueNextSteps: Type.Array(Type.Ref('NextStep'), { description: 'Open next steps due within 7 days or overdue, earliest first (at most 10); a kam or bd sees their own' }),
    pendingHandovers: Type.Array(HomeItem),
    upcomingReviews: Type.Array(HomeItem),
    openSevereCases: Type.Array(HomeItem),
    atRiskSuggestions: Type.Array(HomeItem, { description: 'Accounts whose health is below the threshold, not yet at risk: confirm on the account (health)' }),
    payOutsideBand: Type.Array(HomeItem, { description: 'For directors: people whose expected pay at 100 % is outside the band of their role (people); id is the user id' }),
    quotesAwaitingApproval: Type.Array(HomeItem, { description: 'Submitted quotes the caller may approve, longest waiting first (quotes); title: total and owner, dueOn: valid until' }),
    notifications: Type.Object({ unread: Type.Integer({ minimum: 0 }) }),
  },
  { $id: 'Home' },
);
