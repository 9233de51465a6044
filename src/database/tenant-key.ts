/** Anything that names the company a call works for, e.g. the caller's AuthContext. */
export interface TenantKey {
  readonly companyId: number;
}
