// Ctrl/⌘+Enter generates from anywhere in the panel, as Figma's own dialogs confirm.
import { useEffect, useRef } from 'preact/hooks';

/** Calls the latest `generate` on Ctrl+Enter or ⌘+Enter. */
export function useGenerateShortcut(generate: () => void): void {
  const current = useRef(generate);
  current.current = generate;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      current.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
