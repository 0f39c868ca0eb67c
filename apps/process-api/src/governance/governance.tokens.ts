/** Injection token of the GovernancePolicy in force. */
export const GOVERNANCE_POLICY = Symbol('GOVERNANCE_POLICY');
