import { Controller, Get, Header, Inject, Param, Query, Req, UseFilters } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import type { FastifyRequest } from 'fastify';
import { entityNotFound } from '../odata/odata-error';
import { ODataErrorFilter } from '../odata/odata-error.filter';
import { compileQuery } from '../odata/odata-query';
import { ODataQueryDto } from '../odata/odata-query.dto';
import { ODATA_ROOT, ODataCollection, collection, pageWindow, serviceRoot } from '../odata/odata-query.helpers';
import { PlmMockConfig } from '../plm-mock.config';
import { DOCUMENT_DEFAULT_ORDER, DOCUMENT_FIELDS, DocumentRow, ODataDocument, parseDocumentId, toODataDocument } from './document.odata';
import { DocumentRepository } from './document.repository';

function documentKey(segment: string): string {
  const oid = /^Documents\('(.+)'\)$/.exec(segment)?.[1];
  const id = oid ? parseDocumentId(oid) : undefined;
  if (!id) throw entityNotFound('Documents', oid ?? segment);
  return id;
}

@ApiTags('DocMgmt')
@RequireScopes(Scopes.MockAccess)
@UseFilters(ODataErrorFilter)
@Controller(`${ODATA_ROOT}/DocMgmt`)
export class DocumentsController {
  constructor(
    @Inject(DocumentRepository) private readonly documents: DocumentRepository,
    @Inject(PlmMockConfig) private readonly config: PlmMockConfig,
  ) {}

  @Get('Documents')
  @ApiOperation({ operationId: 'listDocuments', summary: 'Document versions (WTDocument), with $filter, $orderby, $top and $skip' })
  @ApiOkResponse({ description: 'OData collection of documents' })
  async list(@Query() options: ODataQueryDto, @Req() request: FastifyRequest): Promise<ODataCollection<ODataDocument>> {
    const query = compileQuery(options, DOCUMENT_FIELDS, DOCUMENT_DEFAULT_ORDER);
    const { limit, offset } = pageWindow(query, this.config.pageSize);
    const rows = await this.documents.find(query, limit, offset);
    const root = serviceRoot(request, 'DocMgmt');
    return collection(request, `${root}/$metadata#Documents`, rows.map((r) => toODataDocument(r, root)), query, this.config.pageSize);
  }

  @Get(':key')
  @ApiOperation({ operationId: 'getDocument', summary: "One document version: Documents('OR:wt.doc.WTDocument:5001')" })
  @ApiParam({ name: 'key', example: "Documents('OR:wt.doc.WTDocument:5001')" })
  @ApiOkResponse({ description: 'The document' })
  @ApiNotFoundResponse({ description: 'OData error EntityNotFound' })
  async get(@Param('key') key: string, @Req() request: FastifyRequest): Promise<ODataDocument & { '@odata.context': string }> {
    const row = await this.find(key);
    const root = serviceRoot(request, 'DocMgmt');
    return { '@odata.context': `${root}/$metadata#Documents/$entity`, ...toODataDocument(row, root) };
  }

  @Get(':key/PrimaryContent')
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiOperation({ operationId: 'getDocumentContent', summary: 'The primary content of a document (the simulated file: a short text)' })
  @ApiParam({ name: 'key', example: "Documents('OR:wt.doc.WTDocument:5001')" })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The file content' })
  @ApiNotFoundResponse({ description: 'OData error EntityNotFound' })
  async content(@Param('key') key: string): Promise<string> {
    const row = await this.find(key);
    return `${row.number} ${row.version}: ${row.name}\n(simulated content of ${row.file_name})\n`;
  }

  private async find(key: string): Promise<DocumentRow> {
    const row = await this.documents.findById(documentKey(key));
    if (!row) throw entityNotFound('Documents', key);
    return row;
  }
}
