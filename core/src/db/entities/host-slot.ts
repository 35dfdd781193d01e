import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * The next moment any worker may send a request to a host. Updated atomically, it keeps the
 * crawl delay across processes: two workers never hit one site closer than its delay.
 */
export const HostSlot = defineEntity({
  name: 'HostSlot',
  tableName: 'host_slots',
  properties: (p) => ({
    host: p.string().primary().length(255),
    nextAllowedAt: p.datetime(),
  }),
});
export type IHostSlot = InferEntity<typeof HostSlot>;
