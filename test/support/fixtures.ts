import type { AppContext } from '../../src/core/context.ts';
import { createDemoOrganisation } from '../../src/modules/demo/service.ts';
import { createOrganisation, createUser } from '../../src/modules/users/service.ts';

export const PASSWORD = 'patron-demo';
export const OTHER_ORG_ADMIN = 'admin@rival.example';
export const OTHER_ORG_KAM = 'kam@rival.example';

/**
 * The template every API test file starts from: the demo organisation's people (the same code as
 * the demo loader) and a second organisation, to prove nothing crosses between them.
 */
export async function seedFixtureOrganisations(ctx: AppContext): Promise<void> {
  await createDemoOrganisation(ctx);
  const rival = await createOrganisation(ctx, { orgName: 'Rival Trading AB', name: 'Rita Rival', email: OTHER_ORG_ADMIN, password: PASSWORD, currency: 'SEK' });
  await createUser(ctx, { orgId: rival.orgId, userId: rival.user.id, role: 'admin', via: 'system' }, { email: OTHER_ORG_KAM, name: 'Kalle Rival', role: 'kam', password: PASSWORD });
}
