import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlmConnector, WebhookDelivery } from '../connector/plm.connector';
import { ReleaseAnnouncer } from '../engineering-changes/release-announcer';
import { PlmSystemApiConfig } from '../plm-system-api.config';
import { WebhookReceiptDto } from './webhook-receipt.dto';
import { WebhookRejectedError } from './webhook.errors';

/**
 * A release webhook from PLM: verified by its signature, then the change is read back from PLM
 * (the webhook only says which one; PLM stays the source of truth) and announced exactly as the
 * release endpoint announces it.
 */
@Injectable()
export class PlmWebhookService {
  private readonly logger = new Logger(PlmWebhookService.name);

  constructor(
    @Inject(PlmConnector) private readonly plm: PlmConnector,
    @Inject(ReleaseAnnouncer) private readonly announcer: ReleaseAnnouncer,
    @Inject(PlmSystemApiConfig) private readonly config: PlmSystemApiConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async receive(delivery: Partial<WebhookDelivery>): Promise<WebhookReceiptDto> {
    if (!delivery.rawBody) throw new WebhookRejectedError('The request has no body to verify');
    const notification = this.plm.readWebhook(
      { headers: delivery.headers ?? {}, rawBody: delivery.rawBody },
      this.config.webhookSecret,
      Math.floor(Date.now() / 1000),
    );
    if (notification.kind === 'ignored') return { outcome: 'ignored', changeNumber: null, reason: notification.reason };
    const change = await this.plm.getChange(notification.changeNumber);
    if (change.state !== 'RELEASED') {
      return { outcome: 'ignored', changeNumber: change.number, reason: `PLM has ${change.number} in state ${change.state}` };
    }
    await this.dataSource.transaction((em) => this.announcer.announce(em, change));
    this.logger.log(`webhook: announced ${change.number}`);
    return { outcome: 'announced', changeNumber: change.number, reason: null };
  }
}
