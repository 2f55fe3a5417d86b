/**
 * Demo engagement history (pure): a believable trail of interactions for the demo organisation's
 * accounts, deterministic for a given date. Some accounts are contacted often, some drift past
 * their cadence, a few were never contacted; recent interactions leave next steps, some overdue.
 */
import { addDays } from './cadence.ts';
import type { InteractionKind } from './cadence.ts';

export interface DemoAccount {
  id: string;
  ownerId: string;
}

export interface DemoInteraction {
  accountId: string;
  createdBy: string;
  kind: InteractionKind;
  occurredOn: string;
  summary: string;
  sentiment: number | null;
  nextStep: string | null;
  nextStepDue: string | null;
}

const SUMMARIES: Record<InteractionKind, string[]> = {
  meeting: ['Quarterly business review: volumes on plan, asked for a consolidated invoice.', 'Met the new head of procurement; she wants fewer suppliers next year.', 'Planning meeting for the spring range; samples requested.'],
  call: ['Call about a late delivery; agreed a credit note.', 'Checked in after the price change; no objections.', 'Discussed payment terms; they ask for 45 days.'],
  visit: ['Visited the main warehouse; storage is full, smaller drops preferred.', 'Site visit with our logistics lead to review returns.'],
  email: ['Sent the updated price list and the new catalogue.', 'Confirmed the framework agreement renewal date.'],
  note: ['Heard from a distributor that they are testing a competitor.', 'Their CFO is leaving at the end of the quarter.'],
};
const NEXT_STEPS = ['Send a proposal for consolidated deliveries', 'Prepare the quarterly review pack', 'Follow up on the credit note', 'Introduce our service manager', 'Share volume forecast for next quarter'];
const KINDS: InteractionKind[] = ['meeting', 'call', 'call', 'email', 'visit', 'note'];

/** A small deterministic hash of a string (FNV-1a), for stable pseudo-random choices. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function demoInteractionPlan(accounts: readonly DemoAccount[], today: string): DemoInteraction[] {
  const plan: DemoInteraction[] = [];
  for (const account of accounts) {
    const h = hash(account.id);
    const count = h % 7 === 0 ? 0 : 1 + (h % 4); // about one account in seven never contacted
    const spacing = 12 + (h % 50); // days between contacts: 12 … 61
    const lastAgo = (h >>> 8) % 70; // the latest contact 0 … 69 days ago
    for (let i = 0; i < count; i += 1) {
      const r = hash(`${account.id}:${i}`);
      const kind = KINDS[r % KINDS.length]!;
      const texts = SUMMARIES[kind];
      const occurredOn = addDays(today, -(lastAgo + i * spacing));
      const latest = i === 0;
      const step = latest && r % 3 !== 0 ? NEXT_STEPS[r % NEXT_STEPS.length]! : null;
      plan.push({
        accountId: account.id,
        createdBy: account.ownerId,
        kind,
        occurredOn,
        summary: texts[(r >>> 4) % texts.length]!,
        sentiment: kind === 'note' ? null : ((r >>> 6) % 5) - 2 === -2 ? -1 : ((r >>> 6) % 5) - 2,
        nextStep: step,
        nextStepDue: step ? addDays(occurredOn, 7 + ((r >>> 10) % 14)) : null,
      });
    }
  }
  return plan;
}
