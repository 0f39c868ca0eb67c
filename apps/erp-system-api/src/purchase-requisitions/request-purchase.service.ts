import { Inject, Injectable } from '@nestjs/common';
import { CreatePurchaseRequisitionDto, CreatePurchaseRequisitionResultDto } from '@threadline/canonical';
import { isBackendConflict } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';

/**
 * Requests a purchase once per plant, item and reference: a repeat finds the requisition the
 * first request created and returns it (created: false). The ERP's refusal of a duplicate (409)
 * is the backstop when two requests race.
 */
@Injectable()
export class RequestPurchaseService {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  async request(plant: string, requisition: CreatePurchaseRequisitionDto): Promise<CreatePurchaseRequisitionResultDto> {
    const existing = await this.erp.findPurchaseRequisition(plant, requisition.itemNumber, requisition.reference);
    if (existing) return { requisition: existing, created: false };
    try {
      return { requisition: await this.erp.createPurchaseRequisition(plant, requisition), created: true };
    } catch (error) {
      if (isBackendConflict(error)) {
        const raced = await this.erp.findPurchaseRequisition(plant, requisition.itemNumber, requisition.reference);
        if (raced) return { requisition: raced, created: false };
      }
      throw error;
    }
  }
}
