/**
 * Uploads: drag-and-drop (or choose) transcript files. The transfer shows XHR upload progress; the
 * server then parses and analyses the file in the background, which the page follows by polling.
 * The list holds the uploads and, among them by time, the files the server refused with the reason
 * it gave (GET /api/uploads/refusals), so a refusal stays visible after the transfer is gone.
 */
import { useRef, useState } from 'preact/hooks';
import { ApiError, api, uploadFile } from '../api';
import { Empty, ErrorBox, Link, Loading, PageHeader } from '../components/ui';
import { fmtBytes, fmtDateTime, fmtFullDateTime, fmtInt, plural } from '../format';
import { useAuth } from '../auth';
import { useAsync, useInterval, useTitle } from '../hooks';
import type { Upload, UploadRefusal } from '../types';

interface Transfer {
  key: string;
  file: File;
  phase: 'uploading' | 'server' | 'error';
  loaded: number;
  upload: Upload | null;
  duplicate: boolean;
  error: string | null;
}

const FORMATS = [
  { value: '', label: 'Detect automatically' },
  { value: 'chatlens-jsonl', label: 'Chatlens JSONL (one message per line)' },
  { value: 'openai-jsonl', label: 'OpenAI chat JSONL' },
  { value: 'sharegpt', label: 'ShareGPT' },
  { value: 'json', label: 'JSON (sessions with messages)' },
  { value: 'csv', label: 'CSV' },
];

const finished = (u: Upload | null) => !!u && (u.status === 'done' || u.status === 'failed');

/** One row of the list: an upload, or a file refused when it was sent. */
type Row = { kind: 'upload'; at: string; upload: Upload } | { kind: 'refused'; at: string; refusal: UploadRefusal };

function rowsOf(uploads: Upload[], refusals: UploadRefusal[]): Row[] {
  const rows: Row[] = [
    ...uploads.map((u) => ({ kind: 'upload' as const, at: u.receivedAt, upload: u })),
    ...refusals.map((r) => ({ kind: 'refused' as const, at: r.refusedAt, refusal: r })),
  ];
  return rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

function StatusBadgeU({ status }: { status: Upload['status'] | 'refused' }) {
  return <span class={`badge status status-${status}`} data-upload-status={status}>{status}</span>;
}

function Progress({ value, label }: { value: number; label: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <div class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label}>
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}

/**
 * The server's refusal, worded for this page: an unrecognised format names the Format menu here
 * rather than the API's `format=` parameter.
 */
function uploadRefusal(err: Error): string {
  return err instanceof ApiError ? refusalText(err.status, err.message, true) : err.message;
}

/** A refusal's reason for this page: `format=` means nothing here; admins have the Format menu, analysts no upload to retry. */
function refusalText(status: number, message: string, canUpload: boolean): string {
  if (status !== 415) return message;
  const reason = `${message.replace(/\s*Pass format=[^.]*\.\s*$/, '')}.`.replace(/\.\.$/, '.');
  return canUpload ? `${reason} Choose a format in the Format menu above, then upload the file again.` : reason;
}

export function UploadsPage() {
  const { me } = useAuth();
  const canUpload = me.role === 'admin';
  useTitle('Uploads');
  const list = useAsync(
    (signal) => Promise.all([api.uploads(signal), api.uploadRefusals(signal)]).then(([u, r]) => ({ uploads: u.uploads, refusals: r.refusals })),
    [],
  );
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [over, setOver] = useState(false);
  const [format, setFormat] = useState('');
  const [force, setForce] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const patch = (key: string, p: Partial<Transfer>) => setTransfers((ts) => ts.map((t) => (t.key === key ? { ...t, ...p } : t)));

  const send = async (files: File[]) => {
    const queued = files.map((file, i) => ({ key: `${Date.now()}-${i}-${file.name}`, file, phase: 'uploading' as const, loaded: 0, upload: null, duplicate: false, error: null }));
    setTransfers((ts) => [...queued, ...ts]);
    for (const t of queued) {
      try {
        const res = await uploadFile(t.file, { format: format || undefined, force, onProgress: (p) => patch(t.key, { loaded: p.total ? p.loaded / p.total : 0 }) });
        patch(t.key, { phase: 'server', loaded: 1, upload: res.upload, duplicate: res.duplicate });
        list.reload();
      } catch (err) {
        patch(t.key, { phase: 'error', error: uploadRefusal(err as Error) });
        // The server lists the refusal too (a network failure leaves nothing to list, and costs one read).
        list.reload();
      }
    }
  };

  // Follow the server side of each transfer until it is done or failed, and the list while anything runs.
  const polling = transfers.some((t) => t.phase === 'server' && !finished(t.upload)) || (list.data?.uploads ?? []).some((u) => !finished(u));
  useInterval(() => {
    for (const t of transfers) {
      if (t.phase === 'server' && t.upload && !finished(t.upload)) {
        api.upload(t.upload.id).then((u) => {
          patch(t.key, { upload: u });
          if (finished(u)) list.reload();
        }, () => {});
      }
    }
    if ((list.data?.uploads ?? []).some((u) => !finished(u))) list.reload();
  }, polling ? 1000 : null);

  const notAvailable = list.error instanceof ApiError && list.error.status === 404;

  return (
    <>
      <PageHeader title="Uploads" subtitle="Transcript files are parsed and analysed in the background; their turns then count in trends and usage." />
      {!canUpload && (
        <div class="state state-empty" data-testid="uploads-read-only">
          <strong>Only admins upload transcripts</strong>
          <div class="muted">You can follow the uploads below; ask an admin of your company to upload a file.</div>
        </div>
      )}
      {canUpload && (
      <section
        class={`dropzone ${over ? 'over' : ''}`}
        aria-label="Upload transcripts"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const files = [...(e.dataTransfer?.files ?? [])];
          if (files.length) void send(files);
        }}
      >
        <strong>Drop transcript files here</strong>
        <span class="muted">Chatlens or OpenAI JSONL, ShareGPT, JSON or CSV; gzip is fine too.</span>
        <div class="form">
          <button type="button" class="btn btn-primary" onClick={() => input.current?.click()}>
            Choose files…
          </button>
          <label class="field-inline">
            <span>Format</span>
            <select value={format} onChange={(e) => setFormat(e.currentTarget.value)}>
              {FORMATS.map((f) => (
                <option value={f.value} key={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <label class="field-inline" title="Process the file again even if the same content was uploaded before">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.currentTarget.checked)} />
            <span>Process again if already uploaded</span>
          </label>
        </div>
        <input
          ref={input}
          type="file"
          multiple
          class="sr-only"
          tabIndex={-1}
          aria-label="Transcript files"
          data-testid="upload-input"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            if (files.length) void send(files);
          }}
        />
      </section>
      )}

      {transfers.length > 0 && (
        <section class="card" aria-live="polite" data-testid="transfers">
          <h2>Just uploaded</h2>
          <ul class="plain">
            {transfers.map((t) => {
              const u = t.upload;
              const serverProgress = u && u.sizeBytes ? u.bytesProcessed / u.sizeBytes : 0;
              return (
                <li key={t.key} class="transfer" data-filename={t.file.name}>
                  <div class="finding-head">
                    <strong>{t.file.name}</strong>
                    <span class="muted small">{fmtBytes(t.file.size)}</span>
                    {t.phase === 'uploading' && <span class="muted small">Uploading… {Math.round(t.loaded * 100)}%</span>}
                    {u && <StatusBadgeU status={u.status} />}
                    {t.duplicate && <span class="muted small">Already uploaded: showing the earlier upload (tick “Process again” to re-run it).</span>}
                  </div>
                  {t.phase === 'uploading' && <Progress value={t.loaded} label={`Uploading ${t.file.name}`} />}
                  {u && !finished(u) && <Progress value={serverProgress} label={`Processing ${t.file.name}`} />}
                  {u && (
                    <div class="muted small">
                      {plural(u.linesProcessed, 'line')} · {plural(u.turnsProcessed, 'turn')} · {plural(u.sessionsCreated, 'session')}
                      {u.errorCount > 0 && <span class="text-bad"> · {plural(u.errorCount, 'error')}</span>}
                      {u.message && ` · ${u.message}`}
                      {u.status === 'done' && (
                        <>
                          {' · '}
                          <Link href="/trends?days=7">See trends</Link>
                        </>
                      )}
                    </div>
                  )}
                  {t.error && <div class="form-error">{t.error}</div>}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <h2 class="section-title">All uploads</h2>
      {notAvailable ? (
        <Empty title="Uploads are not available on this server.">Send traffic through the ingest API instead.</Empty>
      ) : list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading label="Loading uploads…" />
      ) : list.data.uploads.length + list.data.refusals.length === 0 ? (
        <Empty title="No upload yet.">Drop a transcript file above to analyse past conversations.</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table" data-testid="uploads-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">Size</th>
                <th scope="col" class="num">Lines</th>
                <th scope="col" class="num">Turns</th>
                <th scope="col" class="num">Sessions</th>
                <th scope="col" class="num">Errors</th>
                <th scope="col">Received</th>
                <th scope="col">Finished</th>
              </tr>
            </thead>
            <tbody>
              {rowsOf(list.data.uploads, list.data.refusals).map((row) => {
                if (row.kind === 'refused') return <RefusedRow key={`r${row.refusal.id}`} r={row.refusal} canUpload={canUpload} />;
                const u = row.upload;
                return (
                  <tr key={u.id} data-upload-id={u.id}>
                    <td>
                      <div class="mono">{u.filename}</div>
                      {u.format && <div class="muted small">{u.format}</div>}
                      {u.message && <div class={`small ${u.status === 'failed' ? 'text-bad' : 'muted'}`}>{u.message}</div>}
                      {u.errors.length > 0 && (
                        <details>
                          <summary class="small">{plural(u.errorCount, 'line error')}</summary>
                          <ul class="errors-list">
                            {u.errors.slice(0, 20).map((e, i) => (
                              <li key={i}>
                                line {e.line}: {e.reason}
                              </li>
                            ))}
                            {u.errorCount > 20 && <li>… {fmtInt(u.errorCount - 20)} more</li>}
                          </ul>
                        </details>
                      )}
                    </td>
                    <td>
                      <StatusBadgeU status={u.status} />
                      {!finished(u) && u.sizeBytes > 0 && <Progress value={u.bytesProcessed / u.sizeBytes} label={`Processing ${u.filename}`} />}
                    </td>
                    <td class="num nowrap">{fmtBytes(u.sizeBytes)}</td>
                    <td class="num">{fmtInt(u.linesProcessed)}</td>
                    <td class="num">{fmtInt(u.turnsProcessed)}</td>
                    <td class="num">{fmtInt(u.sessionsCreated)}</td>
                    <td class={`num ${u.errorCount ? 'text-bad' : ''}`}>{fmtInt(u.errorCount)}</td>
                    <td class="nowrap" title={fmtFullDateTime(u.receivedAt)}>{fmtDateTime(u.receivedAt)}</td>
                    <td class="nowrap">{u.finishedAt ? fmtDateTime(u.finishedAt) : <span class="muted">—</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** A refused file: nothing was stored, so its counts are empty; the reason is the one its uploader got. */
function RefusedRow({ r, canUpload }: { r: UploadRefusal; canUpload: boolean }) {
  const none = <span class="muted">—</span>;
  return (
    <tr data-refusal-id={r.id}>
      <td>
        <div class="mono">{r.filename}</div>
        {r.format !== 'auto' && <div class="muted small">{r.format}</div>}
        <div class="small text-bad" data-testid="refusal-reason">{refusalText(r.statusCode, r.reason, canUpload)}</div>
      </td>
      <td>
        <StatusBadgeU status="refused" />
      </td>
      <td class="num nowrap">{fmtBytes(r.sizeBytes)}</td>
      <td class="num">{none}</td>
      <td class="num">{none}</td>
      <td class="num">{none}</td>
      <td class="num">{none}</td>
      <td class="nowrap" title={fmtFullDateTime(r.refusedAt)}>{fmtDateTime(r.refusedAt)}</td>
      <td class="nowrap" title="Refused when it was sent: nothing was stored or counted">{fmtDateTime(r.refusedAt)}</td>
    </tr>
  );
}
