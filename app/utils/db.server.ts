import { PrismaClient } from "~/generated/prisma/client";
import { adapterFactory } from "../../prisma/database";

// One client per process; in development the module is re-evaluated on every
// change, so keep the instance on globalThis.
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient };

function createClient() {
  const client = new PrismaClient({ adapter: adapterFactory() });
  return client;
}

export const prisma = globalForPrisma.__prisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.__prisma = prisma;
