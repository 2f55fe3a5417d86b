import type { Objective } from './planApi';

/** The colour of an objective's progress bar by its status. */
export const progressColor: Record<Objective['progress']['status'], string> = { achieved: 'teal', on_track: 'blue', behind: 'orange', no_data: 'gray' };

/** Lines of a textarea as a list: trimmed, empty lines dropped. */
export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** '' → null, otherwise the trimmed text. */
export const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** A decimal typed by a person ('1 200,5' → '1200.5'), or null when it is not one. */
export function decimalOrNull(text: string): string | null {
  const cleaned = text.replace(/[\s\u00a0\u202f']/g, '').replace(',', '.');
  return /^-?\d{1,15}(\.\d{1,4})?$/.test(cleaned) ? cleaned : null;
}
