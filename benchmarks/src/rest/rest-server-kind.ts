/** The servers of the `rest` group: the REST handler and its bare baseline, for each figure. */
export type RestServerKind = 'submit-handler' | 'submit-bare' | 'rowset-handler' | 'rowset-bare'

/** The statement the `GET rowset` operation runs (the executor answers every statement alike). */
export const ROWSET_STATEMENT = 'select * from report'
