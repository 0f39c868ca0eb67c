import { DynamicModule, Module } from '@nestjs/common';
import { AuditTrailModule, GatewayAuthModule } from '@threadline/gateway-auth';
import { MessagingModule } from '@threadline/messaging';
import { DatabaseModule, HealthModule, IdempotencyModule } from '@threadline/platform';
import { ApplyPlantBomService } from './boms/apply-plant-bom.service';
import { BomsController } from './boms/boms.controller';
import { ApplyPlantRoutingService } from './routings/apply-plant-routing.service';
import { RoutingsController } from './routings/routings.controller';
import { WorkCalendarsController } from './work-calendars/work-calendars.controller';
import { ErpConnector } from './connector/erp.connector';
import { CostsController } from './costs/costs.controller';
import { RollUpCostService } from './costs/roll-up-cost.service';
import { S4HanaErpConnector } from './connector/s4hana-erp.connector';
import { ErpSystemApiConfig } from './erp-system-api.config';
import { InventoryController } from './inventory/inventory.controller';
import { PlantsController } from './plants/plants.controller';
import { ErpMasterDataCache } from './plants/erp-master-data.cache';
import { MasterDataFeedController } from './master-data-feed/master-data-feed.controller';
import { MasterDataFeedPoller } from './master-data-feed/master-data-feed.poller';
import { MasterDataFeedService } from './master-data-feed/master-data-feed.service';
import { PurchaseOrdersController } from './purchase-orders/purchase-orders.controller';
import { PurchaseRequisitionsController } from './purchase-requisitions/purchase-requisitions.controller';
import { RequestPurchaseService } from './purchase-requisitions/request-purchase.service';
import { SuppliersController } from './suppliers/suppliers.controller';
import { ChangeWorkOrderService } from './work-orders/change-work-order.service';
import { WorkOrderChangesController } from './work-orders/work-order-changes.controller';
import { WorkOrdersController } from './work-orders/work-orders.controller';
import { WhereUsedSummaryController } from './where-used/where-used-summary.controller';
import { ERP_SYSTEM_API_SCHEMA } from './erp-system-api.schema';
import { ERP_SYSTEM_API_MIGRATIONS } from './migrations';
import { WorkOrderChangedAnnouncer } from './work-order-feed/work-order-changed.announcer';
import { MaterialAvailabilityChangedAnnouncer } from './work-order-feed/material-availability-changed.announcer';
import { MaterialAvailabilityFeedCursorRepository } from './work-order-feed/material-availability-feed-cursor.repository';
import { MaterialAvailabilityFeedController } from './work-order-feed/material-availability-feed.controller';
import { MaterialAvailabilityFeedPoller } from './work-order-feed/material-availability-feed.poller';
import { MaterialAvailabilityFeedService } from './work-order-feed/material-availability-feed.service';
import { WorkOrderFeedCursorRepository } from './work-order-feed/work-order-feed-cursor.repository';
import { WorkOrderFeedController } from './work-order-feed/work-order-feed.controller';
import { WorkOrderFeedPoller } from './work-order-feed/work-order-feed.poller';
import { WorkOrderFeedService } from './work-order-feed/work-order-feed.service';

@Module({})
export class ErpSystemApiModule {
  static register(config: ErpSystemApiConfig): DynamicModule {
    return {
      module: ErpSystemApiModule,
      imports: [
        // ERP's data stays in the ERP: the schema holds the outbox and inbox, the feed cursor and the platform's tables.
        DatabaseModule.forApp({ schema: ERP_SYSTEM_API_SCHEMA, url: config.databaseUrl, migrations: ERP_SYSTEM_API_MIGRATIONS }),
        MessagingModule.forApp({ appName: 'erp-system-api', schema: ERP_SYSTEM_API_SCHEMA, databaseUrl: config.databaseUrl }),
        GatewayAuthModule.forApp({ appName: 'erp-system-api', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        AuditTrailModule.forApp({ appName: 'erp-system-api', schema: ERP_SYSTEM_API_SCHEMA }),
        HealthModule,
        IdempotencyModule.forApp({ schema: ERP_SYSTEM_API_SCHEMA }),
      ],
      controllers: [
        PlantsController,
        WhereUsedSummaryController,
        BomsController,
        RoutingsController,
        WorkCalendarsController,
        WorkOrdersController,
        WorkOrderChangesController,
        InventoryController,
        PurchaseOrdersController,
        PurchaseRequisitionsController,
        CostsController,
        SuppliersController,
        WorkOrderFeedController,
        MaterialAvailabilityFeedController,
        MasterDataFeedController,
      ],
      providers: [
        { provide: ErpSystemApiConfig, useValue: config },
        // The one line a customer with another ERP changes: bind their adapter here.
        { provide: ErpConnector, useClass: S4HanaErpConnector },
        ErpMasterDataCache,
        ApplyPlantBomService,
        ApplyPlantRoutingService,
        ChangeWorkOrderService,
        RequestPurchaseService,
        RollUpCostService,
        WorkOrderChangedAnnouncer,
        WorkOrderFeedCursorRepository,
        WorkOrderFeedService,
        WorkOrderFeedPoller,
        MaterialAvailabilityChangedAnnouncer,
        MaterialAvailabilityFeedCursorRepository,
        MaterialAvailabilityFeedService,
        MaterialAvailabilityFeedPoller,
        MasterDataFeedService,
        MasterDataFeedPoller,
      ],
    };
  }
}
