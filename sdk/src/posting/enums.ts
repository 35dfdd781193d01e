/** The job types a posting may carry. */
export const JOB_TYPES = ['coop', 'internship', 'new_grad'] as const;
/** The academic terms a posting may carry. */
export const TERMS = ['summer', 'fall', 'winter', 'year_round'] as const;
/** Where the work happens. */
export const LOCATION_TYPES = ['remote', 'hybrid', 'onsite'] as const;
/** The 13 Canadian province and territory codes. */
export const PROVINCE_CODES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
/** Salary periods. */
export const SALARY_PERIODS = ['hour', 'year'] as const;

export type JobType = (typeof JOB_TYPES)[number];
export type Term = (typeof TERMS)[number];
export type LocationType = (typeof LOCATION_TYPES)[number];
export type ProvinceCode = (typeof PROVINCE_CODES)[number];
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];
