/** The Postgres schema the experience API owns; its module, repositories and messaging tables use it. */
export const EXPERIENCE_SCHEMA = 'experience_api';
