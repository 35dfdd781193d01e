import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126065758 as M0 } from './Migration20261126065758.js';
import { Migration20261126065800_seed_provinces as M1 } from './Migration20261126065800_seed_provinces.js';
import { Migration20261126071424 as M2 } from './Migration20261126071424.js';
import { Migration20261126071504 as M3 } from './Migration20261126071504.js';
import { Migration20261126075802 as M4 } from './Migration20261126075802.js';
import { Migration20261126110000_search_change_notify as M5 } from './Migration20261126110000_search_change_notify.js';
import { Migration20261126113440 as M6 } from './Migration20261126113440.js';
import { Migration20261126114709 as M7 } from './Migration20261126114709.js';
import { Migration20261202180135_auth_hardening as M8 } from './Migration20261202180135_auth_hardening.js';
import { Migration20261202180304 as M9 } from './Migration20261202180304.js';
import { Migration20261202180728 as M10 } from './Migration20261202180728.js';
import { Migration20261202181559 as M11 } from './Migration20261202181559.js';
import { Migration20261203072500_crawl_memory as M12 } from './Migration20261203072500_crawl_memory.js';
import { Migration20261203085908_link_quality as M13 } from './Migration20261203085908_link_quality.js';
import { Migration20261203102919_job_clusters as M14 } from './Migration20261203102919_job_clusters.js';
import { Migration20261203110000_host_slot_holder as M15 } from './Migration20261203110000_host_slot_holder.js';
import { Migration20261203140000_search_storage as M16 } from './Migration20261203140000_search_storage.js';
import { Migration20261203140035_company_block_keys as M17 } from './Migration20261203140035_company_block_keys.js';
import { Migration20261203141119_search_filters_gin as M18 } from './Migration20261203141119_search_filters_gin.js';
import { Migration20261203141354_filter_newest_indexes as M19 } from './Migration20261203141354_filter_newest_indexes.js';
import { Migration20261203173000_search_row_storage as M20 } from './Migration20261203173000_search_row_storage.js';
import { Migration20261203180000_cluster_keys_by_source as M21 } from './Migration20261203180000_cluster_keys_by_source.js';

/** Every migration in order; `npm run db:migration -w core` adds new ones here. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261126065758', class: M0 },
  { name: 'Migration20261126065800_seed_provinces', class: M1 },
  { name: 'Migration20261126071424', class: M2 },
  { name: 'Migration20261126071504', class: M3 },
  { name: 'Migration20261126075802', class: M4 },
  { name: 'Migration20261126110000_search_change_notify', class: M5 },
  { name: 'Migration20261126113440', class: M6 },
  { name: 'Migration20261126114709', class: M7 },
  { name: 'Migration20261202180135_auth_hardening', class: M8 },
  { name: 'Migration20261202180304', class: M9 },
  { name: 'Migration20261202180728', class: M10 },
  { name: 'Migration20261202181559', class: M11 },
  { name: 'Migration20261203072500_crawl_memory', class: M12 },
  { name: 'Migration20261203085908_link_quality', class: M13 },
  { name: 'Migration20261203102919_job_clusters', class: M14 },
  { name: 'Migration20261203110000_host_slot_holder', class: M15 },
  { name: 'Migration20261203140000_search_storage', class: M16 },
  { name: 'Migration20261203140035_company_block_keys', class: M17 },
  { name: 'Migration20261203141119_search_filters_gin', class: M18 },
  { name: 'Migration20261203141354_filter_newest_indexes', class: M19 },
  { name: 'Migration20261203173000_search_row_storage', class: M20 },
  { name: 'Migration20261203180000_cluster_keys_by_source', class: M21 },
];
