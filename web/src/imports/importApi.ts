import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, call, client, readCookie } from '../api/client';
import type { paths } from '../api/schema';
import type { Ok } from '../api/types';
import { usePagedQuery } from '../common/usePagedQuery';

export type ImportRun = Ok<paths['/api/v1/imports/{id}']['get']>;
export type ImportSummary = Ok<paths['/api/v1/imports']['post']>;
export type ImportKind = ImportSummary['kind'];
export const IMPORT_KINDS = ['accounts', 'contacts', 'products', 'transactions'] as const satisfies readonly ImportKind[];

/** The columns of each kind (IMPORT-FORMATS.md); the required ones first. */
export const IMPORT_COLUMNS: Record<ImportKind, { required: string[]; optional: string[] }> = {
  accounts: { required: ['externalId', 'name'], optional: ['parentExternalId', 'industry', 'region', 'country', 'currency', 'stage', 'ownerEmail', 'strategicFit', 'referenceValue', 'walletEstimate'] },
  contacts: { required: ['externalId', 'accountExternalId', 'name'], optional: ['title', 'email', 'phone', 'buyingRole', 'reportsToExternalId', 'relationshipStrength'] },
  products: { required: ['sku', 'name'], optional: ['family', 'listPrice', 'unitCost', 'currency'] },
  transactions: { required: ['externalId', 'accountExternalId', 'bookedOn', 'amount'], optional: ['productSku', 'quantity', 'cost', 'currency'] },
};

export const templateUrl = (kind: ImportKind) => `/api/v1/imports/templates/${kind}.csv`;

export function useImportRuns() {
  return usePagedQuery<ImportRun>(['imports', 'runs'], (cursor) => call(client.GET('/api/v1/imports', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } })));
}

export function useImportRun(id: string | null) {
  return useQuery({ queryKey: ['imports', 'run', id], queryFn: () => call(client.GET('/api/v1/imports/{id}', { params: { path: { id: id! } } })), enabled: !!id });
}

export interface UploadRequest {
  kind: ImportKind;
  file: File;
  skipInvalid: boolean;
  sheet?: string;
}

/**
 * Sends the file as multipart (fields before the file, as the API reads them in order) with
 * upload progress. Resolves with the summary of an applied import AND of a rejected one (422,
 * nothing written): both carry the row report. Anything else rejects with an ApiError.
 */
function upload(request: UploadRequest, onProgress: (fraction: number) => void): Promise<ImportSummary> {
  const form = new FormData();
  form.append('kind', request.kind);
  form.append('skipInvalid', String(request.skipInvalid));
  if (request.sheet) form.append('sheet', request.sheet);
  form.append('file', request.file, request.file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/imports');
    const csrf = readCookie('patron_csrf');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError({ status: 0, title: 'Network error' }));
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // not JSON: an error without details
      }
      if (xhr.status === 200) resolve(body as unknown as ImportSummary);
      else if (xhr.status === 422 && body.summary) resolve(body.summary as ImportSummary);
      else reject(new ApiError({ status: xhr.status, title: String(body.title ?? xhr.statusText), detail: typeof body.detail === 'string' ? body.detail : undefined, errors: Array.isArray(body.errors) ? (body.errors as { path: string; message: string }[]) : [] }));
    };
    xhr.send(form);
  });
}

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fraction: number }
  | { phase: 'processing' }
  | { phase: 'done'; summary: ImportSummary }
  | { phase: 'failed'; error: unknown };

/** One import at a time: its progress (sending, then the server validating and writing) and its outcome. */
export function useUpload() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const start = async (request: UploadRequest) => {
    setState({ phase: 'uploading', fraction: 0 });
    try {
      const summary = await upload(request, (fraction) => setState(fraction >= 1 ? { phase: 'processing' } : { phase: 'uploading', fraction }));
      setState({ phase: 'done', summary });
      void queryClient.invalidateQueries({ queryKey: ['imports'] });
      if (summary.created + summary.updated > 0) void queryClient.invalidateQueries();
    } catch (error) {
      setState({ phase: 'failed', error });
    }
  };
  return { state, start, reset: () => setState({ phase: 'idle' }) };
}
