import { shallowRef } from 'vue';

/** One problem of a file as POST /api/imports lists it (row 1 is the header). */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  cell: string | null;
  value: string | null;
  message: string;
}

export interface ImportResult {
  id: number;
  dryRun: boolean;
  committed: boolean;
  status: 'CHECKED' | 'COMMITTED' | 'REJECTED';
  fileName: string;
  rows: number;
  values: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  reports: { region: string; period: string }[];
  submitted: { region: string; period: string }[];
  problems: ImportProblem[];
  problemCount: number;
}

/**
 * Uploads a file to POST /api/imports with the session cookie (and the CSRF header the server asks
 * of cookie-authenticated uploads), reporting the upload's progress (0–1). XMLHttpRequest, because
 * fetch() has no upload progress.
 */
export function useUpload() {
  const progress = shallowRef(0);
  const busy = shallowRef(false);
  const phase = shallowRef<'upload' | 'check' | null>(null);

  function send(file: File, fields: Record<string, string>, locale: string): Promise<ImportResult> {
    busy.value = true;
    progress.value = 0;
    phase.value = 'upload';
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file);
    return new Promise<ImportResult>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/imports');
      xhr.setRequestHeader('x-hexie-csrf', '1');
      xhr.setRequestHeader('accept-language', locale);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) progress.value = e.loaded / e.total;
      };
      xhr.upload.onload = () => {
        progress.value = 1;
        phase.value = 'check';
      };
      xhr.onload = () => {
        let body: any;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        if (body && 'problems' in body) resolve(body as ImportResult);
        else {
          const said = body?.error && (/^en\b/.test(locale) ? body.error.message : (body.error.messageZh ?? body.error.message));
          reject(new Error(said ?? `HTTP ${xhr.status}`));
        }
      };
      xhr.onerror = () => reject(new Error('network error'));
      xhr.onloadend = () => {
        busy.value = false;
        phase.value = null;
      };
      xhr.send(form);
    });
  }

  return { progress, busy, phase, send };
}
