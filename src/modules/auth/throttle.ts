/**
 * Login throttling policy: at most `perEmail` failures for one email and `perIp` for one address
 * within `windowMs`. Pure: the store supplies the failure times.
 */
export const LOGIN_POLICY = { perEmail: 5, perIp: 30, windowMs: 15 * 60_000 } as const;

export function retryAfterSeconds(failureTimes: Date[], limit: number, now: Date, windowMs = LOGIN_POLICY.windowMs): number | null {
  const recent = failureTimes.filter((t) => now.getTime() - t.getTime() < windowMs).sort((a, b) => a.getTime() - b.getTime());
  if (recent.length < limit) return null;
  // Allowed again once enough of the oldest failures have left the window.
  const unblocking = recent[recent.length - limit]!;
  return Math.max(1, Math.ceil((unblocking.getTime() + windowMs - now.getTime()) / 1000));
}
