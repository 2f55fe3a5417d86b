import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';

export interface Option {
  value: string;
  label: string;
}

/**
 * A picker over a server-side search (accounts, products): the typed text is sent as `q`; the
 * chosen record keeps its label while the options change.
 */
export function SearchSelect({
  queryKey,
  search,
  value,
  selected,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange'> & {
  queryKey: string;
  search: (q: string) => Promise<Option[]>;
  value: string | null;
  /** The label of the current value when it is not among the found options. */
  selected?: Option | null;
  onChange: (option: Option | null) => void;
}) {
  const intl = useIntl();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const found = useQuery({ queryKey: ['search', queryKey, q], queryFn: () => search(q), placeholderData: keepPreviousData });
  const options = [...(found.data ?? [])];
  if (selected && !options.some((o) => o.value === selected.value)) options.unshift(selected);
  return (
    <Select
      {...props}
      searchable
      filter={({ options: all }) => all}
      data={options}
      value={value}
      searchValue={text}
      onSearchChange={setText}
      onChange={(v) => onChange(options.find((o) => o.value === v) ?? null)}
      nothingFoundMessage={intl.formatMessage({ id: 'picker.nothingFound' })}
    />
  );
}
