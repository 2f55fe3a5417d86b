import type { Role } from '../users/tables.ts';

export const DEMO_PASSWORD = 'patron-demo';

export interface DemoPerson {
  email: string;
  name: string;
  role: Role;
  managerEmail?: string;
  locale?: 'en' | 'de' | 'pl' | 'sv' | 'hi';
}

/** The demo users are a contract (issue 2): other checks sign in as them. */
export const demoPeople: DemoPerson[] = [
  { email: 'admin@patron.example', name: 'Ada Admin', role: 'admin' },
  { email: 'director@patron.example', name: 'Dana Whitfield', role: 'director' },
  { email: 'manager@patron.example', name: 'Marek Nowak', role: 'manager', managerEmail: 'director@patron.example', locale: 'pl' },
  { email: 'kam1@patron.example', name: 'Kira Lindqvist', role: 'kam', managerEmail: 'manager@patron.example' },
  { email: 'kam2@patron.example', name: 'Jonas Becker', role: 'kam', managerEmail: 'manager@patron.example', locale: 'de' },
  { email: 'kam3@patron.example', name: 'Priya Sharma', role: 'kam', managerEmail: 'manager@patron.example', locale: 'hi' },
  { email: 'kam4@patron.example', name: 'Sven Olsson', role: 'kam', managerEmail: 'manager@patron.example', locale: 'sv' },
  { email: 'bd1@patron.example', name: 'Bianca Diaz', role: 'bd', managerEmail: 'manager@patron.example' },
  { email: 'bd2@patron.example', name: 'Tomasz Zielinski', role: 'bd', managerEmail: 'manager@patron.example' },
  { email: 'viewer@patron.example', name: 'Vera Finch', role: 'viewer' },
];
