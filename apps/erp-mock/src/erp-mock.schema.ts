/** The Postgres schema the simulated S/4HANA owns; its module, repositories and OData entity sets use it. */
export const ERP_MOCK_SCHEMA = 'erp_mock';
