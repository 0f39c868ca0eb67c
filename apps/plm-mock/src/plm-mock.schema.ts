/** The Postgres schema the simulated Windchill owns; its module and repositories use it. */
export const PLM_MOCK_SCHEMA = 'plm_mock';
