import { z } from "zod";

// zod with project-wide settings. A missing field says "Required" rather than zod's type message.
// Every input schema imports z from here, so forms, server actions and routes word errors alike.
// In the browser zod runs without its compiled fast path: probing for it calls `new Function`, which the
// pages' Content-Security-Policy forbids (and reports). Servers keep the fast path.
z.config({
  jitless: typeof window !== "undefined",
  customError: (issue) => (issue.input === undefined && issue.code === "invalid_type" ? "Required" : undefined),
});

export { z };
