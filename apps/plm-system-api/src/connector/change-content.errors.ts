import { BackendError } from '@threadline/platform';

/**
 * What a PLM adapter throws when PLM refuses to implement a change's content on release (an
 * affected revision or a redlined component that does not resolve), whatever PLM calls it. It is
 * PLM's refusal unchanged (BACKEND_REJECTED with PLM's error document), so a caller that cannot
 * say more passes it on as it was; the engineering-changes service says which item, in its codes.
 */
export class ChangeContentRefusedError extends BackendError {
  constructor(refusal: BackendError) {
    super(refusal.code, refusal.backend, refusal.detail ?? refusal.message, refusal.extensions);
    this.withHeaders(refusal.headers);
  }
}
