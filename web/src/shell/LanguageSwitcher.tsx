import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import type { Me } from '../api/types';
import { meKey, useUpdateMe } from '../auth/session';
import { useLocale } from '../i18n/I18nProvider';
import { LOCALE_NAMES, type Locale } from '../i18n/locale';
import { LOCALES } from '../api/types';

/** Language menu: switches at once; saved on the profile when signed in, on this device always. */
export function LanguageSwitcher() {
  const intl = useIntl();
  const { locale, setLocale } = useLocale();
  const queryClient = useQueryClient();
  const updateMe = useUpdateMe();

  const choose = (next: Locale) => {
    setLocale(next);
    const me = queryClient.getQueryData<Me>(meKey);
    if (me && me.locale !== next) updateMe.mutate({ locale: next });
  };

  return (
    <Menu position="bottom-end" shadow="md" width={180}>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconLanguage size={18} aria-hidden />}
          aria-label={intl.formatMessage({ id: 'shell.language.label' }, { language: LOCALE_NAMES[locale] })}
          data-testid="language-switcher"
        >
          <span lang={locale}>{LOCALE_NAMES[locale]}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{intl.formatMessage({ id: 'shell.language.menu' })}</Menu.Label>
        {LOCALES.map((l) => (
          <Menu.Item
            key={l}
            lang={l}
            onClick={() => choose(l)}
            rightSection={l === locale ? <IconCheck size={16} aria-hidden /> : null}
            aria-current={l === locale ? 'true' : undefined}
            data-locale={l}
          >
            {LOCALE_NAMES[l]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
