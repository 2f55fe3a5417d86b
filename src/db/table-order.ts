/**
 * The order in which rows can be loaded without breaking a foreign key: pure logic for backup and
 * restore, which know tables and keys only from the database catalog.
 */
export interface ForeignKey {
  table: string;
  references: string;
  columns: string[];
  referencedColumns: string[];
}

/** Tables ordered so that every table comes after the tables it references (self-references aside). */
export function foreignKeyOrder(tables: string[], foreignKeys: ForeignKey[]): string[] {
  const dependsOn = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const key of foreignKeys) {
    if (key.table !== key.references && dependsOn.has(key.references)) dependsOn.get(key.table)?.add(key.references);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (table: string, path: string[]) => {
    if (placed.has(table)) return;
    if (visiting.has(table)) throw new Error(`Foreign keys form a cycle: ${[...path, table].join(' → ')}`);
    visiting.add(table);
    for (const dependency of [...dependsOn.get(table)!].sort()) place(dependency, [...path, table]);
    visiting.delete(table);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of [...tables].sort()) place(table, []);
  return ordered;
}

type Row = Record<string, unknown>;

const keyOf = (row: Row, columns: string[]): string | null => {
  const values = columns.map((column) => row[column]);
  return values.some((value) => value === null || value === undefined) ? null : JSON.stringify(values);
};

/**
 * Rows of a table that references itself (an account's parent, a contact's manager), reordered so
 * that each row comes after the row it references. Rows whose reference is missing keep their place
 * at the end (the database then refuses them, as it should).
 */
export function parentsFirst<T extends Row>(rows: T[], selfKeys: ForeignKey[]): T[] {
  if (selfKeys.length === 0) return rows;
  const present = new Set<string>();
  for (const row of rows) for (const key of selfKeys) present.add(`${key.referencedColumns.join()}:${keyOf(row, key.referencedColumns)}`);
  const loaded = new Set<string>();
  const ready = (row: T) =>
    selfKeys.every((key) => {
      const parent = keyOf(row, key.columns);
      const id = `${key.referencedColumns.join()}:${parent}`;
      return parent === null || loaded.has(id) || !present.has(id);
    });
  const ordered: T[] = [];
  let waiting = rows;
  while (waiting.length > 0) {
    const next: T[] = [];
    for (const row of waiting) {
      if (!ready(row)) {
        next.push(row);
        continue;
      }
      ordered.push(row);
      for (const key of selfKeys) loaded.add(`${key.referencedColumns.join()}:${keyOf(row, key.referencedColumns)}`);
    }
    if (next.length === waiting.length) return [...ordered, ...next];
    waiting = next;
  }
  return ordered;
}
