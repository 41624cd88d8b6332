import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./2026-11-24-0001-foundation";
import * as m0002 from "./2026-11-24-0002-reference-data";
import * as m0003 from "./2026-11-24-0003-proposals";
import * as m0004 from "./2026-11-24-0004-juries";
import * as m0005 from "./2026-11-24-0005-scoring";
import * as m0006 from "./2026-11-24-0006-publication";
import * as m0007 from "./2026-11-24-0007-replication";
import * as m0008 from "./2026-11-24-0008-replication-indexes";

/** Static provider: the bundle and the scripts see the same ordered list. */
export const migrations: Record<string, Migration> = {
  "2026-11-24-0001-foundation": m0001,
  "2026-11-24-0002-reference-data": m0002,
  "2026-11-24-0003-proposals": m0003,
  "2026-11-24-0004-juries": m0004,
  "2026-11-24-0005-scoring": m0005,
  "2026-11-24-0006-publication": m0006,
  "2026-11-24-0007-replication": m0007,
  "2026-11-24-0008-replication-indexes": m0008,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
