import { loadConfig } from "../server/config.js";
import { detectFeatures, migrate } from "./migrate.js";
import { createDb } from "./pool.js";
import { isEmpty, printProgress, seedDemo } from "./seed/index.js";

/** `npm run db:migrate` and `npm run db:seed`, against the configured database. */
async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  const db = await createDb(
    config.database.kind === "postgres" ? config.database : { kind: "pglite", dir: config.database.dir },
  );
  try {
    const report = await migrate(db);
    console.log(`applied: ${report.applied.join(", ") || "nothing new"}`);
    for (const s of report.skipped) console.log(`skipped ${s.name}: needs ${s.missing.join(", ")}`);
    console.log(`vector search: ${(await detectFeatures(db)).vector ? "yes" : "no (full text only)"}`);
    if (command === "seed") {
      if (!(await isEmpty(db))) {
        console.log("the database already has providers; not seeding");
        return;
      }
      const r = await seedDemo(db, { onProgress: printProgress(process.stdout) });
      console.log(
        `seeded ${r.providers} providers, ${r.services} services, ${r.users} users, ${r.bookings} bookings, ${r.reviews} reviews`,
      );
    }
  } finally {
    await db.close();
  }
}

main(process.argv[2]).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
