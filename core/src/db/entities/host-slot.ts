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
    /**
     * The source whose crawl holds the host while its request is in flight (null once released):
     * when that crawl's worker dies, the orphan sweep gives the host back instead of letting the
     * hold run out (minutes).
     */
    holder: p.string().length(32).nullable(),
  }),
});
export type IHostSlot = InferEntity<typeof HostSlot>;
