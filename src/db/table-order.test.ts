import { describe, expect, it } from 'vitest';
import { foreignKeyOrder, parentsFirst, type ForeignKey } from './table-order.ts';

const fk = (table: string, references: string, columns = ['org_id', `${references}_id`], referencedColumns = ['org_id', 'id']): ForeignKey => ({ table, references, columns, referencedColumns });

describe('foreignKeyOrder', () => {
  it('puts every table after the tables it references, ignoring self-references', () => {
    const order = foreignKeyOrder(
      ['transactions', 'accounts', 'users', 'organisations', 'products'],
      [fk('transactions', 'accounts'), fk('transactions', 'products'), fk('accounts', 'users'), fk('accounts', 'accounts'), fk('users', 'organisations', ['org_id'], ['id'])],
    );
    expect(order).toEqual(['organisations', 'users', 'accounts', 'products', 'transactions']);
  });

  it('refuses a cycle between tables', () => {
    expect(() => foreignKeyOrder(['a', 'b'], [fk('a', 'b'), fk('b', 'a')])).toThrow(/cycle: a → b → a/);
  });
});

describe('parentsFirst', () => {
  const parent = fk('accounts', 'accounts', ['org_id', 'parent_id'], ['org_id', 'id']);

  it('orders a hierarchy so that each row follows its parent', () => {
    const rows = [
      { org_id: 'o', id: 'grandchild', parent_id: 'child' },
      { org_id: 'o', id: 'child', parent_id: 'root' },
      { org_id: 'o', id: 'root', parent_id: null },
      { org_id: 'o', id: 'lone', parent_id: null },
    ];
    expect(parentsFirst(rows, [parent]).map((row) => row.id)).toEqual(['root', 'lone', 'child', 'grandchild']);
  });

  it('leaves rows whose parent is absent in place, and rows in a loop at the end', () => {
    const rows = [
      { org_id: 'o', id: 'a', parent_id: 'b' },
      { org_id: 'o', id: 'b', parent_id: 'a' },
      { org_id: 'o', id: 'c', parent_id: 'elsewhere' },
    ];
    expect(parentsFirst(rows, [parent]).map((row) => row.id)).toEqual(['c', 'a', 'b']);
  });
});
