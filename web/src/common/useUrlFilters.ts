import { useSearchParams } from 'react-router';

/** Filters kept in the URL (shareable, kept on back navigation): read one, set one, clear all. */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const get = (key: string): string | undefined => params.get(key) || undefined;
  const set = (key: string, value: string | null | undefined) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const clear = () => setParams({}, { replace: true });
  return { get, set, clear, any: params.size > 0 };
}
