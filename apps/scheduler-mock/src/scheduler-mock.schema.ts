/** The Postgres schema the simulated frePPLe owns; its module and repositories use it. */
export const SCHEDULER_MOCK_SCHEMA = 'scheduler_mock';
