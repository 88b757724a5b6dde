// Limits shared by the server's schemas and the web forms, so both reject the same input.
export const NAME_MAX = 100;
export const TEXT_MAX = 2000;
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 40;
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const PAGE_SIZE_MAX = 200;
export const SEARCH_MAX = 50;
export const REASON_MAX = 500;
