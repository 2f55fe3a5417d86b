export * from '../modules/users/tables.ts';
export * from '../modules/accounts/tables.ts';
export * from '../modules/contacts/tables.ts';
export * from '../modules/products/tables.ts';
export * from '../modules/fx/tables.ts';
export * from '../modules/transactions/tables.ts';
export * from '../modules/audit/tables.ts';
export * from '../modules/imports/tables.ts';
