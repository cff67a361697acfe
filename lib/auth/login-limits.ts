// How many failed sign-ins are allowed before the throttles refuse without checking the password.
// One client (address, or IPv6 /64) makes at most CLIENT_FAILURE_LIMIT failures per window; since its
// windows are fixed, at most twice that in any window-long span. An account locks only after more than
// that, so no single client can lock someone else's account. No imports: e2e tests read these too.
export const LOGIN_WINDOW_MINUTES = 15;
export const CLIENT_FAILURE_LIMIT = 10;
export const ACCOUNT_FAILURE_LIMIT = 30;
// An account's lock lasts LOGIN_WINDOW_MINUTES, doubling with each further lock within a day, up to this.
export const MAX_ACCOUNT_LOCK_MINUTES = 240;
