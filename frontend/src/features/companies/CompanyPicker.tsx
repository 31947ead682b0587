import type { CompanyView } from '../../api/types';
import { RecordPicker, type RecordKind, type RecordPickerProps } from '../workspaces/recordPicker';
import { useCompany, useCompanySearch } from './queries';

const companies: RecordKind<CompanyView> = {
  useSearch: useCompanySearch,
  useRecord: useCompany,
  getId: (c) => c.id,
  getLabel: (c) => c.name,
  getDetail: (c) => c.domain ?? undefined,
};

/** A company of the workspace, searched on the server as you type. */
export function CompanyPicker(props: RecordPickerProps<CompanyView>) {
  return <RecordPicker kind={companies} {...props} />;
}
