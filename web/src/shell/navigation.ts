import { IconAdjustmentsHorizontal, IconCoin, IconUsersGroup, IconAlertTriangle, IconArrowsExchange, IconBuildingSkyscraper, IconChartDots3, IconChartLine, IconCurrencyDollar, IconFileImport, IconHeartRateMonitor, IconHistory, IconHome, IconKey, IconLayoutKanban, IconPackage, IconReceipt, IconSettings, IconShieldCog, IconStars, IconUsers, type Icon } from '@tabler/icons-react';
import type { Role } from '../api/types';
import type { MessageId } from '../common/labels';

export interface NavItem {
  to: string;
  label: MessageId;
  icon: Icon;
  /** Only for these roles (all roles when absent). */
  roles?: Role[];
  /** Active only on exactly this path (for "/"). */
  end?: boolean;
}

/**
 * Navigation by capability, in this order: Home, Accounts, Pipeline, Reports, Pay, Admin.
 * An entry is added here when its pages exist (Pipeline, Reports, Pay and Admin come with their
 * issues; their labels are already translated: nav.pipeline, nav.reports, nav.pay, nav.admin).
 */
export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'nav.home', icon: IconHome, end: true },
  { to: '/accounts', label: 'nav.accounts', icon: IconBuildingSkyscraper },
  { to: '/key-accounts', label: 'nav.keyAccounts', icon: IconStars },
  { to: '/portfolio', label: 'nav.portfolio', icon: IconChartDots3 },
  { to: '/pipeline', label: 'nav.pipeline', icon: IconLayoutKanban },
  { to: '/dynamics', label: 'nav.dynamics', icon: IconChartLine },
  { to: '/handovers', label: 'nav.handovers', icon: IconArrowsExchange, roles: ['bd', 'kam', 'manager', 'admin'] },
  { to: '/cases', label: 'nav.cases', icon: IconAlertTriangle },
  { to: '/health/at-risk', label: 'nav.atRisk', icon: IconHeartRateMonitor },
  { to: '/people', label: 'nav.people', icon: IconUsersGroup },
  { to: '/pay', label: 'nav.pay', icon: IconCoin, roles: ['admin', 'director', 'manager'] },
  { to: '/admin/engagement', label: 'nav.admin', icon: IconSettings, roles: ['admin'] },
  { to: '/admin/cases', label: 'nav.caseSettings', icon: IconShieldCog, roles: ['admin'] },
  { to: '/admin/scoring', label: 'nav.scoringModel', icon: IconAdjustmentsHorizontal, roles: ['admin', 'director'] },
  { to: '/products', label: 'nav.products', icon: IconPackage },
  { to: '/transactions', label: 'nav.transactions', icon: IconReceipt },
  { to: '/admin/users', label: 'nav.users', icon: IconUsers, roles: ['admin'] },
  { to: '/admin/imports', label: 'nav.imports', icon: IconFileImport, roles: ['admin', 'director', 'manager'] },
  { to: '/admin/fx-rates', label: 'nav.fxRates', icon: IconCurrencyDollar, roles: ['admin', 'director'] },
  { to: '/admin/audit', label: 'nav.audit', icon: IconHistory, roles: ['admin', 'director'] },
  { to: '/settings/tokens', label: 'nav.tokens', icon: IconKey },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(role));
}
