import { BUYING_ROLES, type BuyingRole, type Contact, type ContactCreateBody } from '../api/types';
import { intOrNull, textOrNull } from '../common/forms';
import type { MessageId } from '../common/labels';

export interface ContactFormValues {
  [field: string]: string;
  name: string;
  title: string;
  email: string;
  phone: string;
  buyingRole: string;
  reportsToId: string;
  relationshipStrength: string;
  externalId: string;
}

export const CONTACT_FIELDS = ['name', 'title', 'email', 'phone', 'buyingRole', 'reportsToId', 'relationshipStrength', 'externalId'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export const contactFieldLabel: Record<ContactField, MessageId> = {
  name: 'contact.field.name',
  title: 'contact.field.title',
  email: 'contact.field.email',
  phone: 'contact.field.phone',
  buyingRole: 'contact.field.buyingRole',
  reportsToId: 'contact.field.reportsTo',
  relationshipStrength: 'contact.field.relationshipStrength',
  externalId: 'contact.field.externalId',
};

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function emptyContactForm(): ContactFormValues {
  return { name: '', title: '', email: '', phone: '', buyingRole: '', reportsToId: '', relationshipStrength: '', externalId: '' };
}

export function contactToForm(c: Contact): ContactFormValues {
  return {
    name: c.name,
    title: str(c.title),
    email: str(c.email),
    phone: str(c.phone),
    buyingRole: str(c.buyingRole),
    reportsToId: str(c.reportsToId),
    relationshipStrength: str(c.relationshipStrength),
    externalId: str(c.externalId),
  };
}

function buyingRole(value: string): BuyingRole | null {
  return (BUYING_ROLES as readonly string[]).includes(value) ? (value as BuyingRole) : null;
}

export function formToContactBody(v: ContactFormValues): ContactCreateBody {
  return {
    name: v.name.trim(),
    title: textOrNull(v.title),
    email: textOrNull(v.email),
    phone: textOrNull(v.phone),
    buyingRole: buyingRole(v.buyingRole),
    reportsToId: textOrNull(v.reportsToId),
    relationshipStrength: intOrNull(v.relationshipStrength),
    externalId: textOrNull(v.externalId),
  };
}

export function contactPatch(base: Contact, v: ContactFormValues): Partial<ContactCreateBody> {
  const next = formToContactBody(v);
  const before = formToContactBody(contactToForm(base));
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof ContactCreateBody)[]) {
    if (JSON.stringify(next[key] ?? null) !== JSON.stringify(before[key] ?? null)) patch[key] = next[key];
  }
  return patch as Partial<ContactCreateBody>;
}

export function validateContactForm(v: ContactFormValues): Partial<Record<ContactField, MessageId>> {
  const errors: Partial<Record<ContactField, MessageId>> = {};
  if (!v.name.trim()) errors.name = 'validation.required';
  if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) errors.email = 'validation.email';
  return errors;
}
