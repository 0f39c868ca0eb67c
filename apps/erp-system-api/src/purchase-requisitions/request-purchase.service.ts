import { Inject, Injectable } from '@nestjs/common';
import { CreatePurchaseRequisitionDto, CreatePurchaseRequisitionResultDto } from '@threadline/canonical';
import { AppError } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';

/**
 * Requests a purchase once per plant, item and reference: a repeat finds the requisition the
 * first request created and returns it (created: false). The ERP's refusal of a duplicate (409)
 * is the backstop when two requests race.
 */
@Injectable()
export class RequestPurchaseService {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  async request(plant: string, requisition: CreatePurchaseRequisitionDto, correlationId?: string): Promise<CreatePurchaseRequisitionResultDto> {
    const existing = await this.erp.findPurchaseRequisition(plant, requisition.itemNumber, requisition.reference, correlationId);
    if (existing) return { requisition: existing, created: false };
    try {
      return { requisition: await this.erp.createPurchaseRequisition(plant, requisition, correlationId), created: true };
    } catch (error) {
      if (error instanceof AppError && error.status === 409) {
        const raced = await this.erp.findPurchaseRequisition(plant, requisition.itemNumber, requisition.reference, correlationId);
        if (raced) return { requisition: raced, created: false };
      }
      throw error;
    }
  }
}
