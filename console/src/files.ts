// Files behind the bearer token: downloads (a Blob, and the name the server gave it), saving a Blob, multipart
// uploads with progress, and the 导出 CSV / 导出 Excel buttons of the list screens.
import { ApiError, errorText, NETWORK_ERROR_MESSAGE, refused } from './api';
import { busy, h, toast } from './dom';
import { authHeader } from './session';

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

async function authorizedFetch(path: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { headers: authHeader(), cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
  }
  if (!res.ok) {
    const json: unknown = await res.json().catch(() => null);
    throw refused(res.status, json);
  }
  return res;
}

/** A file behind the bearer token (PDF, screenshot), as a Blob. */
export async function fetchBlob(path: string): Promise<Blob> {
  return (await authorizedFetch(path)).blob();
}

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first), else the fallback. */
export function dispositionName(disposition: string | null, fallbackName: string): string {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition || '') || /filename="([^"]+)"/i.exec(disposition || '');
  return m ? decodeURIComponent(m[1]) : fallbackName;
}

/** A download behind the bearer token: the Blob and the file name the server gave it. */
export async function fetchFile(path: string, fallbackName: string): Promise<DownloadedFile> {
  const res = await authorizedFetch(path);
  const filename = dispositionName(res.headers.get('Content-Disposition'), fallbackName);
  return { blob: await res.blob(), filename };
}

/** Saves a Blob under a file name through a temporary object URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** Downloads a file behind the token and saves it; a refusal shows as a toast. */
export function downloadButtonAction(button: HTMLButtonElement, path: string, fallbackName: string): void {
  busy(button, () => fetchFile(path, fallbackName).then((file) => saveBlob(file.blob, file.filename))).catch((error: unknown) => {
    toast(errorText(error), 'bad');
  });
}

/** The query string of an export's filters; empty values are left out. */
export function exportQuery(filters: Record<string, string | undefined | null>): string {
  return Object.keys(filters)
    .filter((k) => filters[k])
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(filters[k]))}`)
    .join('&');
}

/** The URL of a direct export: /api/staff/exports/<kind>.<format>?<filters>. */
export function exportUrl(kind: string, format: string, filters: Record<string, string | undefined | null>): string {
  const q = exportQuery(filters);
  return `/api/staff/exports/${kind}.${format}${q ? `?${q}` : ''}`;
}

/**
 * "导出 CSV" and "导出 Excel" buttons for /api/staff/exports/<kind>.csv|xlsx; `query()` gives the
 * filters at the moment of the click (campaignCode, status). Exports are audited by the server.
 */
export function exportButtons(kind: string, query: () => Record<string, string | undefined | null> | null | undefined): HTMLElement {
  const button = (format: string, label: string): HTMLButtonElement => {
    const b = h('button', { type: 'button', className: `btn btn-ghost btn-small export-${format}`, dataset: { export: `${kind}.${format}` } }, label);
    b.addEventListener('click', () => downloadButtonAction(b, exportUrl(kind, format, query() || {}), `${kind}.${format}`));
    return b;
  };
  return h('span', { className: 'export-buttons' }, button('csv', '导出 CSV'), button('xlsx', '导出 Excel'));
}

/** Multipart upload with upload progress (fetch cannot report it); the answer's JSON. */
export function upload(path: string, form: FormData, onProgress?: (loaded: number, total: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const auth = authHeader();
    if (auth.Authorization) xhr.setRequestHeader('Authorization', auth.Authorization);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded, e.total);
    };
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json);
      else reject(refused(xhr.status, json));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE));
    xhr.send(form);
  });
}
