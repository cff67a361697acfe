import type { TestProject } from "vitest/node";
import { migratedTemplate } from "./pglite-template";

// integration-pglite only: one migrated database dump for every file to start from (pglite-template.ts).
export default async function setup(project: TestProject) {
  project.provide("pgliteTemplate", await migratedTemplate());
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
