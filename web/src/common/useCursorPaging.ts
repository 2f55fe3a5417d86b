import { useState } from 'react';

/**
 * Server-side cursor paging: keeps the cursors of the pages before the current one, so
 * "Previous" needs no backwards cursor from the API. Starts again at page 1 when `filterKey`
 * (the serialised filters) changes.
 */
export function useCursorPaging(filterKey: string) {
  const [paging, setPaging] = useState<{ key: string; stack: (string | undefined)[] }>({ key: filterKey, stack: [undefined] });
  const stack = paging.key === filterKey ? paging.stack : [undefined];
  return {
    cursor: stack[stack.length - 1],
    page: stack.length,
    next: (cursor: string) => setPaging({ key: filterKey, stack: [...stack, cursor] }),
    previous: () => setPaging({ key: filterKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }),
  };
}
