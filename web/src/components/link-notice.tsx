import { useEffect, useRef } from "preact/hooks";

/**
 * What a saved-plan link that leads nowhere shows instead of an empty form: the plan was deleted
 * (by its owner, or after going unopened for the retention period) or the link is mistyped. It
 * takes the focus, so a screen reader announces it first, and it can be dismissed.
 */
export function LinkNotice({ onDismiss }: { onDismiss: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div class="link-notice" role="alert" id="link-notice" tabIndex={-1} ref={box}>
      <h2>This link no longer exists</h2>
      <p>
        No saved plan has this link: it was deleted, by whoever saved it or because nobody opened it for a
        long time, or the link is incomplete. Nothing of it is left on the server. You can start a new plan
        below.
      </p>
      <button type="button" class="secondary" id="link-notice-dismiss" onClick={onDismiss}>
        Start a new plan
      </button>
    </div>
  );
}
