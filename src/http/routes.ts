import type { AppContext } from '../core/context.ts';
import { accountRoutes } from '../modules/accounts/routes.ts';
import { auditRoutes } from '../modules/audit/routes.ts';
import { authRoutes } from '../modules/auth/routes.ts';
import { contactRoutes } from '../modules/contacts/routes.ts';
import { notificationRoutes } from '../modules/notifications/routes.ts';
import { interactionRoutes } from '../modules/interactions/routes.ts';
import { relationshipRoutes } from '../modules/relationships/routes.ts';
import { costRoutes } from '../modules/costs/routes.ts';
import { homeRoutes } from '../modules/home/routes.ts';
import { fxRoutes } from '../modules/fx/routes.ts';
import { importRoutes } from '../modules/imports/routes.ts';
import { productRoutes } from '../modules/products/routes.ts';
import { transactionRoutes } from '../modules/transactions/routes.ts';
import { scoringRoutes } from '../modules/scoring/routes.ts';
import { userRoutes } from '../modules/users/routes.ts';
import { handoverRoutes } from '../modules/handovers/routes.ts';
import { planRoutes } from '../modules/plans/routes.ts';
import { reviewRoutes } from '../modules/reviews/routes.ts';
import { caseRoutes } from '../modules/cases/routes.ts';
import { healthRoutes } from '../modules/health/routes.ts';
import { compensationRoutes } from '../modules/compensation/routes.ts';
import type { App } from './app.ts';

/** Every module's routes, under /api/v1. A new module adds one line here. */
export function moduleRoutes(app: App, ctx: AppContext): void {
  authRoutes(app, ctx);
  userRoutes(app, ctx);
  accountRoutes(app, ctx);
  contactRoutes(app, ctx);
  productRoutes(app, ctx);
  transactionRoutes(app, ctx);
  fxRoutes(app, ctx);
  importRoutes(app, ctx);
  scoringRoutes(app, ctx);
  notificationRoutes(app, ctx);
  interactionRoutes(app, ctx);
  relationshipRoutes(app, ctx);
  costRoutes(app, ctx);
  homeRoutes(app, ctx);
  handoverRoutes(app, ctx);
  planRoutes(app, ctx);
  reviewRoutes(app, ctx);
  caseRoutes(app, ctx);
  healthRoutes(app, ctx);
  compensationRoutes(app, ctx);
  auditRoutes(app, ctx);
}
