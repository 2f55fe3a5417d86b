/** Patron's mark: a rounded square with a "P" (decorative; the name is always written beside it). */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--mantine-color-blue-9)" />
      <path d="M11 24V8h6.2c3.6 0 5.8 2 5.8 5.1 0 3.2-2.3 5.2-5.9 5.2H14.4V24H11zm3.4-8.6h2.5c1.8 0 2.8-.8 2.8-2.3s-1-2.2-2.8-2.2h-2.5v4.5z" fill="#fff" />
    </svg>
  );
}
