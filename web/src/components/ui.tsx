import type { ComponentChildren, JSX } from 'preact';
import { linkClick } from '../router';
import { CATEGORIES, type Category, type EndedReason, type SessionStatus, type Severity } from '../types';
import { change } from '../format';
import { ApiError } from '../api';
import type { ActionMessage, AsyncState } from '../hooks';

export function Link(props: JSX.HTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} onClick={linkClick} />;
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <header class="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p class="muted">{subtitle}</p>}
      </div>
      {actions && <div class="page-actions">{actions}</div>}
    </header>
  );
}

export function StatusBadge({ endedReason, endedAt, status }: { endedReason: EndedReason; endedAt: string | null; status?: SessionStatus }) {
  if (endedReason === 'violation') return <span class="badge badge-violation" data-status="violation">Ended · violation</span>;
  // Idle reads as ended by the user (the API's endedReason), told apart by its label.
  if (status === 'idle') return <span class="badge badge-ended" data-status="user" data-idle="true">Idle</span>;
  if (endedAt || endedReason === 'user') return <span class="badge badge-ended" data-status="user">Ended by user</span>;
  return (
    <span class="badge badge-active" data-status="active">
      <span class="dot" aria-hidden="true" />
      Active
    </span>
  );
}

export const CATEGORY_LABEL: Record<Category, string> = { hallucination: 'Hallucination', bias: 'Bias', toxicity: 'Toxicity' };
/** The categories as a filter's options. */
export const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABEL[c] }));

export function CategoryBadge({ category }: { category: Category }) {
  return <span class={`badge cat-${category}`}>{CATEGORY_LABEL[category]}</span>;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span class={`badge sev sev-${severity}`}>{severity}</span>;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state state-empty">
      <strong>{title}</strong>
      {children && <div class="muted">{children}</div>}
    </div>
  );
}

/** The request id of a failed API call, for a support ticket. */
export function RequestId({ error }: { error: Error }) {
  const id = error instanceof ApiError ? error.requestId : null;
  if (!id) return null;
  return (
    <div class="muted small" data-testid="request-id">
      Request id: <code class="request-id" tabIndex={0}>{id}</code> (quote it when you contact support)
    </div>
  );
}

/**
 * A failed load. A 404 is "not found" (retrying cannot help, so no button); anything else offers a
 * retry. Both show the request id from the error envelope.
 */
export function ErrorBox({ error, onRetry, notFound }: { error: Error; onRetry?: () => void; notFound?: string }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div class="state state-empty" role="alert" data-testid="not-found">
        <strong>{notFound ?? 'Not found'}</strong>
        <div class="muted">{error.message}</div>
        <RequestId error={error} />
      </div>
    );
  }
  return (
    <div class="state state-error" role="alert">
      <strong>Something went wrong</strong>
      <div>{error.message}</div>
      <RequestId error={error} />
      {onRetry && (
        <button type="button" class="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A labelled filter of a toolbar: `any` (the empty value, meaning no filter) first when given, then the options. */
export function FilterSelect({
  label,
  value,
  any,
  options,
  onChange,
  disabled,
}: {
  label: string;
  value: string;
  any?: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string | null) => void;
  disabled?: boolean;
}) {
  return (
    <label class="field-inline">
      <span>{label}</span>
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value || null)}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map((o) => (
          <option value={o.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Under a paged list: how many rows are shown, then "Load more" while the server has more. */
export function ListFooter({ shown, hasMore, loading, onMore }: { shown: string; hasMore: boolean; loading: boolean; onMore: () => void }) {
  return (
    <div class="list-footer">
      <span class="muted small">{shown}</span>
      {hasMore ? (
        <button type="button" class="btn" onClick={onMore} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      ) : (
        <span class="muted small">End of list</span>
      )}
    </div>
  );
}

/** What a loaded section shows: the error with a retry, the spinner, or `children` with the data. */
export function Loaded<T>({ state, children }: { state: AsyncState<T>; children: (data: T) => ComponentChildren }) {
  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  return <>{children(state.data)}</>;
}

/** How a form's last action went: a status when it worked, an alert with the reason when not. */
export function FormMessage({ msg }: { msg: ActionMessage | null }) {
  if (!msg) return null;
  return (
    <div class={msg.ok ? 'form-ok' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>
      {msg.text}
    </div>
  );
}

/**
 * A period total with its change against the prior period. `goodWhen` says which direction is good
 * news (fewer issues is good; uploads are neutral).
 */
export function Delta({ current, prior, goodWhen, format }: { current: number; prior: number; goodWhen: 'up' | 'down' | 'none'; format: (n: number) => string }) {
  const c = change(current, prior);
  const tone = c.direction === 'flat' || goodWhen === 'none' ? 'neutral' : c.direction === goodWhen ? 'good' : 'bad';
  const arrow = c.direction === 'up' ? '▲' : c.direction === 'down' ? '▼' : '▬';
  const words = c.direction === 'flat' ? 'no change' : `${c.direction === 'up' ? 'up' : 'down'} ${c.text}`;
  return (
    <span class={`delta delta-${tone}`} data-direction={c.direction} title={`Prior period: ${format(prior)}`}>
      <span aria-hidden="true">{arrow}</span> {c.text}
      <span class="sr-only"> ({words} against the prior period, {format(prior)})</span>
    </span>
  );
}

export function Segmented<T extends string | number>({ label, value, options, onChange }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <div class="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button
          type="button"
          role="radio"
          aria-checked={o.value === value}
          class={o.value === value ? 'on' : ''}
          onClick={() => onChange(o.value)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
            const i = options.findIndex((x) => x.value === value);
            const next = options[(i + (e.key === 'ArrowRight' ? 1 : options.length - 1)) % options.length];
            onChange(next.value);
            const group = (e.currentTarget as HTMLElement).parentElement;
            requestAnimationFrame(() => (group?.querySelector('[aria-checked="true"]') as HTMLElement | null)?.focus());
          }}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function Stat({ label, value, children, testId }: { label: string; value: string; children?: ComponentChildren; testId?: string }) {
  return (
    <div class="stat" data-testid={testId}>
      <div class="stat-label">{label}</div>
      <div class="stat-value num">{value}</div>
      {children && <div class="stat-foot">{children}</div>}
    </div>
  );
}
