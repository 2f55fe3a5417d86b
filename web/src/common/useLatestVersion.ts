import { useState } from 'react';

/**
 * The version a form saves against (If-Match). After a 412 the form reloads the latest version
 * and keeps what the user typed: the next save applies their values on top of it.
 */
export function useLatestVersion(initial: number, fetchLatest: () => Promise<{ version: number }>) {
  const [version, setVersion] = useState(initial);
  const [reloading, setReloading] = useState(false);
  const reload = async () => {
    setReloading(true);
    try {
      setVersion((await fetchLatest()).version);
    } finally {
      setReloading(false);
    }
  };
  return { version, reload, reloading };
}
