import { maskedValue, revealedSecretsStore, useRevealed } from './secret-headers';

/** Renders a credential header's value masked, with a toggle that shows it for this exchange only. */
export function SecretValue({ exchangeId, revealKey, name, value }: { exchangeId: number; revealKey: string; name: string; value: string }) {
  const revealed = useRevealed(exchangeId, revealKey);

  return (
    <span className="secret-value">
      <span className={revealed ? undefined : 'muted'} data-testid="secret-value">
        {revealed ? value : maskedValue(value)}
      </span>
      <button
        className="link-button"
        aria-pressed={revealed}
        aria-label={`${revealed ? 'Hide' : 'Reveal'} ${name}`}
        onClick={() => revealedSecretsStore.getState().toggle(exchangeId, revealKey)}
      >
        {revealed ? 'hide' : 'reveal'}
      </button>
    </span>
  );
}
