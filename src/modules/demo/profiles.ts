import type { ProfilePut } from '../people/schemas.ts';

/** Skills rated 1–5 in skill-list order: negotiation, customer service, teamwork, creative thinking,
 * critical thinking, organisation, communication, networking, presentation, reporting, product knowledge. */
type Ratings = [number, number, number, number, number, number, number, number, number, number, number];

export interface DemoProfile {
  email: string;
  profile: ProfilePut;
  self: Ratings;
  /** The manager's view (the people reporting to the manager or the director). */
  manager?: Ratings;
  /** Expected total pay at 100 % (USD), recorded while no compensation plan is assigned. */
  expectedPay: string;
}

const cert = (name: string, issuer: string, obtainedOn: string, expiresOn: string | null = null) => ({ name, issuer, obtainedOn, expiresOn });

/** Believable people for the demo organisation: backgrounds that suit its US and European accounts. */
export const demoProfiles: DemoProfile[] = [
  {
    email: 'kam1@patron.example',
    profile: {
      education: [{ level: 'bachelor', field: 'Business administration', year: 2014 }],
      certifications: [cert('Strategic Account Management Certified', 'SAMA', '2023-04-12', '2026-04-12')],
      yearsTotal: 11, yearsSales: 8,
      industryYears: [{ industry: 'Corporate', years: 6 }, { industry: 'Consumer', years: 2 }],
      industries: ['Corporate', 'Consumer'], countries: ['SE', 'US', 'NO'], languages: ['sv', 'en', 'no'],
    },
    self: [4, 4, 4, 3, 4, 4, 5, 4, 4, 3, 4],
    manager: [3, 4, 4, 3, 4, 4, 4, 4, 3, 3, 4],
    expectedPay: '118000.00',
  },
  {
    email: 'kam2@patron.example',
    profile: {
      education: [{ level: 'bachelor', field: 'Mechanical engineering', year: 2010 }, { level: 'mba', field: 'Business administration', year: 2017 }],
      certifications: [cert('Certified Professional Sales Person', 'NASP', '2021-09-01')],
      yearsTotal: 14, yearsSales: 9,
      industryYears: [{ industry: 'Corporate', years: 9 }],
      industries: ['Corporate', 'Home Office'], countries: ['DE', 'AT', 'CH', 'US'], languages: ['de', 'en'],
    },
    self: [5, 3, 3, 3, 5, 4, 4, 4, 4, 5, 5],
    manager: [4, 3, 3, 3, 5, 4, 4, 3, 4, 5, 5],
    expectedPay: '152000.00',
  },
  {
    email: 'kam3@patron.example',
    profile: {
      education: [{ level: 'master', field: 'Marketing', year: 2016 }],
      certifications: [cert('Key Account Management', 'Chartered Institute of Marketing', '2022-02-15')],
      yearsTotal: 8, yearsSales: 5,
      industryYears: [{ industry: 'Home Office', years: 4 }, { industry: 'Consumer', years: 3 }],
      industries: ['Home Office', 'Consumer'], countries: ['IN', 'GB', 'US'], languages: ['hi', 'en'],
    },
    self: [3, 5, 5, 4, 3, 4, 4, 3, 4, 4, 3],
    manager: [3, 5, 4, 4, 3, 4, 4, 3, 3, 4, 3],
    expectedPay: '104000.00',
  },
  {
    email: 'kam4@patron.example',
    profile: {
      education: [{ level: 'associate', field: 'Sales and marketing', year: 2018 }],
      certifications: [],
      yearsTotal: 4, yearsSales: 3,
      industryYears: [{ industry: 'Consumer', years: 3 }],
      industries: ['Consumer'], countries: ['SE', 'DK'], languages: ['sv', 'en', 'da'],
    },
    self: [3, 4, 4, 4, 3, 3, 4, 3, 3, 2, 3],
    manager: [2, 4, 4, 4, 3, 3, 3, 2, 3, 2, 3],
    expectedPay: '76000.00',
  },
  {
    email: 'bd1@patron.example',
    profile: {
      education: [{ level: 'bachelor', field: 'Arts (communication)', year: 2015 }],
      certifications: [cert('Challenger Sales', 'Gartner', '2024-06-01')],
      yearsTotal: 9, yearsSales: 9,
      industryYears: [{ industry: 'Corporate', years: 5 }],
      industries: ['Corporate'], countries: ['US', 'ES', 'MX'], languages: ['en', 'es'],
    },
    self: [4, 3, 4, 5, 3, 3, 5, 5, 5, 3, 3],
    manager: [4, 3, 4, 4, 3, 3, 5, 5, 4, 3, 3],
    expectedPay: '98000.00',
  },
  {
    email: 'bd2@patron.example',
    profile: {
      education: [{ level: 'bachelor', field: 'Science (economics)', year: 2019 }],
      certifications: [],
      yearsTotal: 5, yearsSales: 4,
      industryYears: [{ industry: 'Home Office', years: 2 }],
      industries: ['Home Office', 'Corporate'], countries: ['PL', 'DE'], languages: ['pl', 'de', 'en'],
    },
    self: [3, 3, 4, 4, 3, 3, 4, 4, 3, 4, 3],
    expectedPay: '82000.00',
  },
  {
    email: 'manager@patron.example',
    profile: {
      education: [{ level: 'master', field: 'Management', year: 2008 }, { level: 'mba', field: 'Business administration', year: 2014 }],
      certifications: [cert('Strategic Account Management Certified', 'SAMA', '2020-05-20', '2026-05-20')],
      yearsTotal: 17, yearsSales: 14,
      industryYears: [{ industry: 'Corporate', years: 10 }, { industry: 'Home Office', years: 4 }],
      industries: ['Corporate', 'Home Office', 'Consumer'], countries: ['PL', 'DE', 'US'], languages: ['pl', 'en', 'de'],
    },
    self: [4, 4, 5, 3, 4, 5, 4, 4, 4, 4, 4],
    manager: [4, 4, 4, 3, 4, 5, 4, 4, 4, 4, 4],
    expectedPay: '168000.00',
  },
  {
    email: 'director@patron.example',
    profile: {
      education: [{ level: 'mba', field: 'Business administration', year: 2006 }],
      certifications: [],
      yearsTotal: 22, yearsSales: 18,
      industryYears: [{ industry: 'Corporate', years: 15 }],
      industries: ['Corporate', 'Consumer', 'Home Office'], countries: ['US', 'GB', 'CA'], languages: ['en', 'fr'],
    },
    self: [5, 4, 4, 4, 5, 4, 5, 5, 5, 4, 4],
    expectedPay: '245000.00',
  },
];

/** Market pay ranges (USD, total at 100 %) for the demo's roles: illustrative survey-style figures. */
export const demoPayBands = [
  { role: 'kam', base: ['72000.00', '98000.00'], bonus: ['6000.00', '15000.00'], commission: ['12000.00', '35000.00'], total: ['90000.00', '145000.00'] },
  { role: 'bd', base: ['60000.00', '85000.00'], bonus: ['4000.00', '10000.00'], commission: ['15000.00', '40000.00'], total: ['80000.00', '130000.00'] },
  { role: 'manager', base: ['110000.00', '140000.00'], bonus: ['15000.00', '35000.00'], commission: null, total: ['130000.00', '180000.00'] },
  { role: 'director', base: ['150000.00', '200000.00'], bonus: ['30000.00', '70000.00'], commission: null, total: ['190000.00', '280000.00'] },
] as const;
