import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { isApiError } from './api/client';
import { RequireSession } from './auth/RequireSession';
import { PageSkeleton } from './common/states';
import { I18nProvider } from './i18n/I18nProvider';
import { AppShellLayout } from './shell/AppShellLayout';
import { cssVariablesResolver, theme } from './theme';

// Pages load on demand (React.lazy) so the first visit downloads only the shell.
const Login = lazy(() => import('./auth/Login'));
const Home = lazy(() => import('./home/Home'));
const AccountList = lazy(() => import('./accounts/AccountList'));
const AccountShow = lazy(() => import('./accounts/AccountShow'));
const AccountCreate = lazy(() => import('./accounts/AccountCreate'));
const AccountEdit = lazy(() => import('./accounts/AccountEdit'));
const ContactCreate = lazy(() => import('./contacts/ContactCreate'));
const ContactEdit = lazy(() => import('./contacts/ContactEdit'));
const HandoverList = lazy(() => import('./handovers/HandoverList'));
const HandoverShow = lazy(() => import('./handovers/HandoverShow'));
const SharedPlanShow = lazy(() => import('./plans/SharedPlanShow'));
const NotFound = lazy(() => import('./common/NotFound'));
const EngagementSettings = lazy(() => import('./settings/EngagementSettings'));
const CaseList = lazy(() => import('./cases/CaseList'));
const CaseShow = lazy(() => import('./cases/CaseShow'));
const CaseSettings = lazy(() => import('./cases/CaseSettings'));
const AtRiskList = lazy(() => import('./health/AtRiskList'));
const KeyAccounts = lazy(() => import('./scoring/KeyAccounts'));
const Portfolio = lazy(() => import('./scoring/Portfolio'));
const ScoringModelSettings = lazy(() => import('./scoring/ScoringModelSettings'));
const UserList = lazy(() => import('./users/UserList'));
const TokenList = lazy(() => import('./tokens/TokenList'));
const ImportPage = lazy(() => import('./imports/ImportPage'));
const ProductList = lazy(() => import('./products/ProductList'));
const TransactionList = lazy(() => import('./transactions/TransactionList'));
const FxRateList = lazy(() => import('./fx/FxRateList'));
const AuditLog = lazy(() => import('./audit/AuditLog'));
const TeamCapacity = lazy(() => import('./people/TeamCapacity'));
const PersonShow = lazy(() => import('./people/PersonShow'));
const Reassignment = lazy(() => import('./people/Reassignment'));
const PayBands = lazy(() => import('./people/PayBands'));
const PipelineBoard = lazy(() => import('./opportunities/PipelineBoard'));
const OpportunityList = lazy(() => import('./opportunities/OpportunityList'));
const OpportunityShow = lazy(() => import('./opportunities/OpportunityShow'));
const PortfolioDynamicsPage = lazy(() => import('./dynamics/PortfolioDynamicsPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not change on retry; network and server errors may.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <Notifications position="top-right" />
          <BrowserRouter>
            <Suspense fallback={<PageSkeleton />}>
              <Routes>
                <Route path="/login" element={<Login />} />
                <Route path="/shared/plan/:token" element={<SharedPlanShow />} />
                <Route element={<RequireSession><AppShellLayout /></RequireSession>}>
                  <Route index element={<Home />} />
                  <Route path="accounts" element={<AccountList />} />
                  <Route path="accounts/new" element={<AccountCreate />} />
                  <Route path="accounts/:accountId" element={<AccountShow />} />
                  <Route path="accounts/:accountId/edit" element={<AccountEdit />} />
                  <Route path="accounts/:accountId/contacts/new" element={<ContactCreate />} />
                  <Route path="accounts/:accountId/contacts/:contactId/edit" element={<ContactEdit />} />
                  <Route path="admin/engagement" element={<EngagementSettings />} />
                  <Route path="admin/cases" element={<CaseSettings />} />
                  <Route path="cases" element={<CaseList />} />
                  <Route path="cases/:caseId" element={<CaseShow />} />
                  <Route path="health/at-risk" element={<AtRiskList />} />
                  <Route path="key-accounts" element={<KeyAccounts />} />
                  <Route path="portfolio" element={<Portfolio />} />
                  <Route path="admin/scoring" element={<ScoringModelSettings />} />
                  <Route path="handovers" element={<HandoverList />} />
                  <Route path="handovers/:handoverId" element={<HandoverShow />} />
                  <Route path="admin/users" element={<UserList />} />
                  <Route path="admin/imports" element={<ImportPage />} />
                  <Route path="admin/fx-rates" element={<FxRateList />} />
                  <Route path="admin/audit" element={<AuditLog />} />
                  <Route path="products" element={<ProductList />} />
                  <Route path="transactions" element={<TransactionList />} />
                  <Route path="settings/tokens" element={<TokenList />} />
                  <Route path="people" element={<TeamCapacity />} />
                  <Route path="people/:userId" element={<PersonShow />} />
                  <Route path="people/:userId/reassign" element={<Reassignment />} />
                  <Route path="pay" element={<PayBands />} />
                  <Route path="pipeline" element={<PipelineBoard />} />
                  <Route path="opportunities" element={<OpportunityList />} />
                  <Route path="opportunities/:opportunityId" element={<OpportunityShow />} />
                  <Route path="dynamics" element={<PortfolioDynamicsPage />} />
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </I18nProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
