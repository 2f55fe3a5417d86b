import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconClockPause } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate, useSearchParams } from 'react-router';
import { call, client, ifMatch, isApiError, safeNext } from '../api/client';
import { usePageTitle } from '../common/usePageTitle';
import { useLocale } from '../i18n/I18nProvider';
import { isLocale } from '../i18n/locale';
import { LanguageSwitcher } from '../shell/LanguageSwitcher';
import { BrandMark } from '../shell/BrandMark';
import { meKey } from './session';

export default function Login() {
  const intl = useIntl();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const { locale, setLocale } = useLocale();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  usePageTitle('login.title');

  const login = useMutation({
    mutationFn: () => call(client.POST('/api/v1/auth/login', { body: { email: email.trim(), password } })),
    onSuccess: async ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(meKey, user);
      if (isLocale(user.locale)) setLocale(user.locale);
      else if (locale !== 'en') {
        // First sign-in from a browser in another language: keep it on the profile.
        void call(client.PATCH('/api/v1/me', { body: { locale }, headers: ifMatch(user.version) }))
          .then((me) => queryClient.setQueryData(meKey, me))
          .catch(() => undefined);
      }
      await navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  const error = login.error;
  const status = isApiError(error) ? error.status : null;

  return (
    <Box mih="100vh" bg="gray.0" component="main">
      <Group justify="flex-end" p="md">
        <LanguageSwitcher />
      </Group>
      <Center px="md" pb="xl">
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={420} radius="md">
          <Stack gap="lg">
            <Stack gap={6} align="center">
              <BrandMark size={44} />
              <Title order={1} size="h2" ta="center">
                <FormattedMessage id="login.title" />
              </Title>
              <Text c="dimmed" size="sm" ta="center">
                <FormattedMessage id="login.subtitle" />
              </Text>
            </Stack>
            {params.get('next') && !error && (
              <Alert color="blue" variant="light" role="status">
                <FormattedMessage id="login.sessionExpired" />
              </Alert>
            )}
            {error && (
              <Alert
                color={status === 429 ? 'orange' : 'red'}
                variant="light"
                role="alert"
                icon={status === 429 ? <IconClockPause aria-hidden /> : <IconAlertTriangle aria-hidden />}
                data-testid="login-error"
              >
                {status === 401 || status === 400 ? (
                  <FormattedMessage id="login.error.credentials" />
                ) : status === 429 ? (
                  isApiError(error) && error.retryAfter ? (
                    <FormattedMessage id="login.error.throttled" values={{ seconds: error.retryAfter }} />
                  ) : (
                    <FormattedMessage id="login.error.throttledLater" />
                  )
                ) : status === 0 ? (
                  <FormattedMessage id="error.network.body" />
                ) : (
                  <FormattedMessage id="error.generic.body" />
                )}
              </Alert>
            )}
            <form onSubmit={submit} noValidate aria-label={intl.formatMessage({ id: 'login.title' })}>
              <Stack gap="md">
                <TextInput
                  label={intl.formatMessage({ id: 'login.email' })}
                  type="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  autoFocus
                />
                <PasswordInput
                  label={intl.formatMessage({ id: 'login.password' })}
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
                <Button type="submit" fullWidth loading={login.isPending} disabled={!email.trim() || !password}>
                  <FormattedMessage id="login.submit" />
                </Button>
              </Stack>
            </form>
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
