import { AppShell, Avatar, Burger, Group, Menu, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { call, client, setUnauthorizedHandler } from '../api/client';
import { useCurrentUser } from '../auth/session';
import { roleLabel } from '../common/labels';
import { PageSkeleton } from '../common/states';
import { BrandMark } from './BrandMark';
import { LanguageSwitcher } from './LanguageSwitcher';
import { NotificationBell } from '../notifications/NotificationBell';
import { navItemsFor } from './navigation';

/** The frame of every signed-in page: header, navigation by capability, content. */
export function AppShellLayout() {
  const intl = useIntl();
  const me = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // An expired session on any request: back to login (in-app), then to this page.
  useEffect(() => {
    setUnauthorizedHandler((loginPath) => void navigate(loginPath, { replace: true }));
  }, [navigate]);

  useEffect(close, [location.pathname, close]);

  const logout = async () => {
    try {
      await call(client.POST('/api/v1/auth/logout'));
    } catch {
      // the session is gone either way
    }
    queryClient.clear();
    await navigate('/login', { replace: true });
  };

  const initials = me.name
    .split(/\s+/)
    .map((p) => p[0])
    .filter(Boolean)
    .slice(0, 2)
    .join('')
    .toUpperCase();

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: { sm: 200, lg: 232 }, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="patron-skip-link">
        <FormattedMessage id="a11y.skipToContent" />
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={intl.formatMessage({ id: 'shell.menu.toggle' })} />
            <UnstyledButton component={Link} to="/" aria-label={intl.formatMessage({ id: 'shell.home.aria' })}>
              <Group gap={8} wrap="nowrap">
                <BrandMark />
                <Text fw={800} size="lg" c="blue.9">
                  Patron
                </Text>
              </Group>
            </UnstyledButton>
            <Text size="sm" c="dimmed" visibleFrom="md" truncate maw={260}>
              {me.orgName}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitcher />
            <NotificationBell />
            <Menu position="bottom-end" shadow="md" width={240}>
              <Menu.Target>
                <UnstyledButton aria-label={intl.formatMessage({ id: 'shell.user.menu' }, { name: me.name })} data-testid="user-menu" px={6} py={4} style={{ borderRadius: 6 }}>
                  <Group gap={8} wrap="nowrap">
                    <Avatar color="blue" radius="xl" size={32}>
                      {initials}
                    </Avatar>
                    <Stack gap={0} visibleFrom="sm">
                      <Text size="sm" fw={600} lh={1.2} data-testid="user-name">
                        {me.name}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.2} data-testid="user-role">
                        <FormattedMessage id={roleLabel[me.role]} />
                      </Text>
                    </Stack>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {me.email} · <FormattedMessage id={roleLabel[me.role]} />
                </Menu.Label>
                <Menu.Item component={Link} to={`/people/${me.id}`} leftSection={<IconUserCircle size={16} aria-hidden />} data-testid="my-profile">
                  <FormattedMessage id="people.myProfile" />
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void logout()}>
                  <FormattedMessage id="shell.logout" />
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={intl.formatMessage({ id: 'shell.nav.label' })} style={{ overflowY: 'auto' }}>
        {navItemsFor(me.role).map((item) => (
          <NavLink
            key={item.to}
            component={RouterNavLink}
            to={item.to}
            end={item.end}
            label={intl.formatMessage({ id: item.label })}
            leftSection={<item.icon size={18} aria-hidden />}
            active={item.end ? location.pathname === item.to : location.pathname.startsWith(item.to)}
            variant="light"
            fw={500}
            style={{ borderRadius: 6 }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} bg="gray.0" style={{ outline: 'none' }}>
        <div style={{ maxWidth: 1280, margin: '0 auto' }}>
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
