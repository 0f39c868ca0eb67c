import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { GatewayAuthModule, RequireScopes, Scopes } from '@threadline/gateway-auth';
import { DatabaseModule, FaultInjectionModule, HealthModule } from '@threadline/platform';
import { BomRepository } from './bom/bom.repository';
import { ChangePointerRepository } from './change-pointer/change-pointer.repository';
import { CreateMaterialBomService } from './bom/create-material-bom.service';
import { WhereUsedService, WhereUsedSummaryService } from './bom/where-used.service';
import { CostEstimateRepository } from './costing/cost-estimate.repository';
import { CostEstimateService } from './costing/cost-estimate.service';
import { ErpMockConfig } from './erp-mock.config';
import { ERP_MOCK_SCHEMA } from './erp-mock.schema';
import { plantScopeOf } from './fault-injection/plant-scope';
import { MaterialRepository } from './material/material.repository';
import { ErpMockInit1764300000000 } from './migrations/1764300000000-erp-mock-init';
import { ErpMockChanges1764900000000 } from './migrations/1764900000000-erp-mock-changes';
import { ErpMockReadIndexes1765400000000 } from './migrations/1765400000000-erp-mock-read-indexes';
import { ErpMockMaterialDocuments1767000000000 } from './migrations/1767000000000-erp-mock-material-documents';
import { InventoryRepository } from './inventory/inventory.repository';
import { PostGoodsMovementService } from './inventory/post-goods-movement.service';
import { ErpMockMaterialCreate1767300000000 } from './migrations/1767300000000-erp-mock-material-create';
import { CreateProductService } from './material/create-product.service';
import { ErpMockRoutingVersions1767600000000 } from './migrations/1767600000000-erp-mock-routing-versions';
import { ErpMockPlantMaterialStatus1767800000000 } from './migrations/1767800000000-erp-mock-plant-material-status';
import { CreateRoutingService } from './routing/create-routing.service';
import { ErpMockFactoryCalendars1767900000000 } from './migrations/1767900000000-erp-mock-factory-calendars';
import { ErpMockChangePointers1768000000000 } from './migrations/1768000000000-erp-mock-change-pointers';
import { ErpMockWhereUsedWalk1768100000000 } from './migrations/1768100000000-erp-mock-where-used-walk';
import { ErpMockNumberRanges1768200000000 } from './migrations/1768200000000-erp-mock-number-ranges';
import { CreateHolidayService } from './factory-calendar/create-holiday.service';
import { FactoryCalendarRepository } from './factory-calendar/factory-calendar.repository';
import { RoutingRepository } from './routing/routing.repository';
import { ODataController } from './odata/odata.controller';
import { ODataReader } from './odata/odata-reader.service';
import { ODataRepository } from './odata/odata.repository';
import { ProductionOrderChangesService } from './production-order/production-order-changes.service';
import { ProductionOrderRepository } from './production-order/production-order.repository';
import { CreatePurchaseRequisitionService } from './purchase-requisition/create-purchase-requisition.service';
import { PurchaseRequisitionRepository } from './purchase-requisition/purchase-requisition.repository';
import { PurchaseOrderScheduleLineService } from './purchasing/purchase-order-schedule-line.service';
import { PurchasingRepository } from './purchasing/purchasing.repository';
import { DemoSeedRepository } from './seed/demo-seed.repository';
import { DemoSeeder } from './seed/demo-seeder.service';

@Module({})
export class ErpMockModule implements OnModuleInit {
  constructor(@Inject(DemoSeeder) private readonly seeder: DemoSeeder) {}

  static register(config: ErpMockConfig): DynamicModule {
    return {
      module: ErpMockModule,
      imports: [
        DatabaseModule.forApp({ schema: ERP_MOCK_SCHEMA, url: config.databaseUrl, migrations: [ErpMockInit1764300000000, ErpMockChanges1764900000000, ErpMockReadIndexes1765400000000, ErpMockMaterialDocuments1767000000000, ErpMockMaterialCreate1767300000000, ErpMockRoutingVersions1767600000000, ErpMockPlantMaterialStatus1767800000000, ErpMockFactoryCalendars1767900000000, ErpMockChangePointers1768000000000, ErpMockWhereUsedWalk1768100000000, ErpMockNumberRanges1768200000000] }),
        GatewayAuthModule.forApp({ appName: 'erp-mock', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        HealthModule,
        // Faults per plant (the plant a request names), else the `*` profile; an injected fault
        // reaches the OData controller's SapErrorFilter and leaves in SAP Gateway's form.
        FaultInjectionModule.forRoot({ scopeOf: plantScopeOf, adminDecorators: [RequireScopes(Scopes.MockAdmin)] }),
      ],
      controllers: [ODataController],
      providers: [
        { provide: ErpMockConfig, useValue: config },
        ODataRepository,
        ODataReader,
        MaterialRepository,
        ChangePointerRepository,
        CreateProductService,
        RoutingRepository,
        CreateRoutingService,
        FactoryCalendarRepository,
        CreateHolidayService,
        BomRepository,
        CreateMaterialBomService,
        WhereUsedService,
        WhereUsedSummaryService,
        ProductionOrderRepository,
        PurchasingRepository,
        PurchaseOrderScheduleLineService,
        InventoryRepository,
        PostGoodsMovementService,
        ProductionOrderChangesService,
        PurchaseRequisitionRepository,
        CreatePurchaseRequisitionService,
        CostEstimateRepository,
        CostEstimateService,
        DemoSeedRepository,
        DemoSeeder,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.seeder.seed();
  }
}
