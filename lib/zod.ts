import { z } from "zod";

// zod with one project-wide tweak: a missing field says "Required" rather than zod's type message.
// Every input schema imports z from here, so forms, server actions and routes word errors alike.
z.config({
  customError: (issue) => (issue.input === undefined && issue.code === "invalid_type" ? "Required" : undefined),
});

export { z };
