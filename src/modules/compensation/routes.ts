import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import type { App } from '../../http/app.ts';
import { requireActor } from '../../http/request.ts';
import { problemResponses } from '../../http/schemas.ts';
import type { SimulationInput } from './engine.ts';
import { SimulateBody, SimulateResult } from './schemas.ts';
import * as service from './service.ts';

export function compensationRoutes(app: App, ctx: AppContext): void {
  const tags = ['compensation'];
  app.addSchema(SimulateResult);

  app.post('/compensation/simulate', {
    schema: {
      tags,
      summary: 'What-if: statements for a plan and credits, with every line explained (no side effects)',
      description: 'Computes statements per payee and period exactly as ../shared/COMP-PLANS.md says. Money is a decimal string. An invalid plan or split answers 422 with each reason in `errors`.',
      body: SimulateBody,
      response: { 200: Type.Ref(SimulateResult), ...problemResponses(400, 401, 422) },
    },
  }, async (request) => service.simulateCompensation(ctx, requireActor(request), request.body as unknown as SimulationInput));
}
