import { describe, expect, it } from 'vitest';
import type { Contact } from '../api/types';
import { contactPatch, contactToForm, emptyContactForm, formToContactBody, validateContactForm } from './contactUtils';

const contact: Contact = {
  id: 'c1', accountId: 'a1', externalId: null, name: 'Ann Lee', title: 'CFO', email: 'ann@example.com', phone: null, buyingRole: 'economic_buyer',
  reportsToId: null, relationshipStrength: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1,
};

describe('contact form', () => {
  it('sends only what changed', () => {
    expect(contactPatch(contact, contactToForm(contact))).toEqual({});
    expect(contactPatch(contact, { ...contactToForm(contact), relationshipStrength: '-2', title: '' })).toEqual({ relationshipStrength: -2, title: null });
  });
  it('builds a create body with nulls for empty inputs', () => {
    expect(formToContactBody({ ...emptyContactForm(), name: ' Bo ', buyingRole: 'champion' })).toEqual({
      name: 'Bo', title: null, email: null, phone: null, buyingRole: 'champion', reportsToId: null, relationshipStrength: null, externalId: null,
    });
  });
  it('checks name and email', () => {
    expect(validateContactForm({ ...emptyContactForm(), email: 'nope' })).toEqual({ name: 'validation.required', email: 'validation.email' });
  });
});
