import { Button, Group, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import { LOCALES, type Role, type User } from '../api/types';
import { useUsers } from '../accounts/accountApi';
import { ConflictAlert, SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { roleLabel, type MessageId } from '../common/labels';
import { notify } from '../common/notify';
import { useLatestVersion } from '../common/useLatestVersion';
import { LOCALE_NAMES } from '../i18n/locale';
import { fetchUser, useCreateUser, useUpdateUser } from './userApi';

export const ROLES = ['admin', 'director', 'manager', 'kam', 'bd', 'viewer'] as const satisfies readonly Role[];
const FIELDS = ['name', 'email', 'role', 'managerId', 'locale', 'password'] as const;

type Values = {
  name: string;
  email: string;
  role: Role;
  managerId: string;
  locale: string;
  password: string;
};

const valuesOf = (user: User | null): Values => ({
  name: user?.name ?? '',
  email: user?.email ?? '',
  role: user?.role ?? 'kam',
  managerId: user?.managerId ?? '',
  locale: user?.locale ?? '',
  password: '',
});

/**
 * Adds a user (`user` null) or changes one: name, role, manager (reporting line), language and a
 * password. A user added without a password cannot sign in until one is set here. A stale save
 * (412) keeps what the admin typed and offers the latest version underneath.
 */
export function UserForm({ user, onDone }: { user: User | null; onDone: () => void }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [values, setValues] = useState<Values>(() => valuesOf(user));
  const latest = useLatestVersion(user, () => fetchUser(user!.id), valuesOf, { values, setValues });
  const [missing, setMissing] = useState<Partial<Record<keyof Values, boolean>>>({});
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const save = user ? update : create;
  const errors = formErrorsFrom(save.error, FIELDS);
  const conflict = isApiError(save.error) && save.error.status === 412;
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setMissing((m) => ({ ...m, [key]: false }));
  };

  const managers = (users.data?.items ?? [])
    .filter((u) => u.active && u.id !== user?.id)
    .map((u) => ({ value: u.id, label: `${u.name} · ${intl.formatMessage({ id: roleLabel[u.role] })}` }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = { name: !values.name.trim(), email: !user && !values.email.trim() };
    setMissing(required);
    if (required.name || required.email) return;
    const common = {
      name: values.name.trim(),
      role: values.role,
      managerId: values.managerId || null,
      locale: (values.locale || null) as (typeof LOCALES)[number] | null,
      ...(values.password ? { password: values.password } : {}),
    };
    const done = () => {
      notify(intl, t(user ? 'users.saved' : 'users.created'));
      onDone();
    };
    if (user) update.mutate({ id: user.id, version: latest.version, body: common }, { onSuccess: done });
    else create.mutate({ ...common, email: values.email.trim() }, { onSuccess: done });
  };

  const reloadKeep = () => void latest.reload().then(() => update.reset());

  const required = t('validation.required');
  return (
    <form onSubmit={submit} noValidate data-testid="user-form">
      <Stack gap="sm">
        {conflict ? (
          <ConflictAlert onReloadKeep={reloadKeep} onDiscard={onDone} reloading={latest.reloading} />
        ) : (
          save.isError && <SaveErrorAlert error={save.error} general={errors.general} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('users.field.name')} value={values.name} onChange={(e) => set('name', e.currentTarget.value)} required maxLength={200} error={errors.fields.name ?? (missing.name ? required : undefined)} data-autofocus />
          <TextInput
            label={t('users.field.email')}
            type="email"
            value={values.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            required={!user}
            disabled={!!user}
            maxLength={254}
            error={errors.fields.email ?? (missing.email ? required : undefined)}
          />
          <Select label={t('users.field.role')} data={ROLES.map((r) => ({ value: r, label: t(roleLabel[r]) }))} value={values.role} onChange={(v) => v && set('role', v as Role)} allowDeselect={false} required error={errors.fields.role} />
          <Select
            label={t('users.field.manager')}
            placeholder={t('users.field.manager.none')}
            data={managers}
            value={values.managerId || null}
            onChange={(v) => set('managerId', v ?? '')}
            clearable
            searchable
            nothingFoundMessage={t('picker.nothingFound')}
            error={errors.fields.managerId}
          />
          <Select
            label={t('users.field.locale')}
            placeholder={t('users.field.locale.browser')}
            data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
            value={values.locale || null}
            onChange={(v) => set('locale', v ?? '')}
            clearable
            error={errors.fields.locale}
          />
          <PasswordInput
            label={t(user ? 'users.field.newPassword' : 'users.field.password')}
            description={t(user ? 'users.field.newPassword.help' : 'users.field.password.help')}
            value={values.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            autoComplete="new-password"
            error={errors.fields.password}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            <FormattedMessage id="action.cancel" />
          </Button>
          <Button type="submit" loading={save.isPending}>
            <FormattedMessage id={user ? 'action.save' : 'users.create.submit'} />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
