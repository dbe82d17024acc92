import { shortId } from '../format/format';
import { copyText } from '../state/ui-store';

/** An id shortened to 8 characters, with the full value on hover and copied on click. */
export function CopyableId({ id, label = 'id' }: { id: string | null; label?: string }) {
  if (id === null) return <span className="muted">–</span>;

  return (
    <span
      className="mono"
      title={`${id} (click to copy)`}
      role="button"
      tabIndex={-1}
      onClick={(event) => {
        event.stopPropagation();
        void copyText(id, label);
      }}
    >
      {shortId(id)}
    </span>
  );
}
