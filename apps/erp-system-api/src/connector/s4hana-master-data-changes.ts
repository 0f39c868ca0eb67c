import { HttpRequest } from '@threadline/platform';
import { masterDataChangeMapper, MasterDataChange, SapChangePointer } from '../mappers/master-data-change.mapper';
import { MasterDataChangeQuery } from './erp.connector';
import { ODataCollection, odataFilter } from './s4hana-native';

const CHANGE_POINTER_SRV = 'sap/opu/odata/sap/API_CHANGE_POINTER_SRV';

/** S/4HANA's master-data change pointers at or after `from`, in change order, as a delta read. */
export async function readMasterDataChanges(call: <T>(request: HttpRequest) => Promise<T>, query: MasterDataChangeQuery): Promise<MasterDataChange[]> {
  const pointers = await call<ODataCollection<SapChangePointer>>({
    path: `${CHANGE_POINTER_SRV}/A_ChangePointer`,
    query: {
      $filter: odataFilter([`ChangeDateTime ge datetimeoffset'${new Date(query.from).toISOString()}'`]),
      $orderby: 'ChangeDateTime,ChangePointer',
      $top: query.limit,
    },
  });
  return pointers.d.results.map((native) => masterDataChangeMapper.fromChangePointer(native));
}
