import type { MessageKey } from './messages';

export const JOB_TYPES = ['coop', 'internship', 'new_grad'] as const;
export const TERMS = ['summer', 'fall', 'winter', 'year_round'] as const;
export const LOCATION_TYPES = ['remote', 'hybrid', 'onsite'] as const;
export const PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;

export const jobTypeKey = (v: string) => `job.type.${v}` as MessageKey;
export const termKey = (v: string) => `job.term.${v}` as MessageKey;
export const locationKey = (v: string) => `job.location.${v}` as MessageKey;

/** A province's name in the page's language (Intl has no province names; these are the official ones). */
const PROVINCE_NAMES: Record<string, [en: string, fr: string]> = {
  AB: ['Alberta', 'Alberta'], BC: ['British Columbia', 'Colombie-Britannique'], MB: ['Manitoba', 'Manitoba'],
  NB: ['New Brunswick', 'Nouveau-Brunswick'], NL: ['Newfoundland and Labrador', 'Terre-Neuve-et-Labrador'],
  NS: ['Nova Scotia', 'Nouvelle-Écosse'], NT: ['Northwest Territories', 'Territoires du Nord-Ouest'], NU: ['Nunavut', 'Nunavut'],
  ON: ['Ontario', 'Ontario'], PE: ['Prince Edward Island', 'Île-du-Prince-Édouard'], QC: ['Quebec', 'Québec'],
  SK: ['Saskatchewan', 'Saskatchewan'], YT: ['Yukon', 'Yukon'],
};
export const provinceName = (code: string, lang: string) => PROVINCE_NAMES[code]?.[lang === 'fr-CA' ? 1 : 0] ?? code;
