import type { TestProject } from 'vitest/node';
import { createTemplate, dropTemplate } from './database.ts';

/** Migrates and seeds one template database per run; every test file starts from a copy of it. */
export default async function setup(project: TestProject) {
  const template = await createTemplate();
  project.provide('templateDatabase', template);
  return async () => dropTemplate(template);
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
