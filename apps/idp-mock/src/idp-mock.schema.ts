/** The Postgres schema the IdP owns; its module and repositories use it. */
export const IDP_MOCK_SCHEMA = 'idp_mock';
