// npm run db:seed — seed the demo organisation (demo mode only).
import { seedDemo } from "../prisma/seed";
import { runCli } from "./cli";

await runCli({}, async () => {
  const { created } = await seedDemo();
  console.log(created ? `demo organisation seeded (${created} records)` : "demo organisation already present");
});
