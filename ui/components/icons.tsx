// The panel's icons, drawn like Figma UI3's: 16 px strokes in the text colour, inside 24 px icon buttons.
import type { ComponentChildren } from 'preact';

function Icon({ children }: { readonly children: ComponentChildren }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const SettingsIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="2" />
    <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
  </Icon>
);

export const HistoryIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="5.5" />
    <path d="M8 5v3.2l2 1.3" />
  </Icon>
);

export const CloseIcon = () => (
  <Icon>
    <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
  </Icon>
);

export const BackIcon = () => (
  <Icon>
    <path d="M9.5 4L5.5 8l4 4" />
  </Icon>
);

export const EyeIcon = ({ crossed }: { readonly crossed: boolean }) => (
  <Icon>
    <path d="M1.5 8s2.4-4 6.5-4 6.5 4 6.5 4-2.4 4-6.5 4-6.5-4-6.5-4z" />
    <circle cx="8" cy="8" r="1.8" />
    {crossed && <path d="M3 13L13 3" />}
  </Icon>
);

interface IconButtonProps {
  /** The accessible name, also shown as the tooltip. */
  readonly label: string;
  readonly onClick: () => void;
  readonly children: ComponentChildren;
  readonly expanded?: boolean;
  readonly pressed?: boolean;
  readonly controls?: string;
  readonly disabled?: boolean;
}

/** A 24 px button that shows only its icon; its name is `label`. */
export function IconButton({ label, onClick, children, expanded, pressed, controls, disabled }: IconButtonProps) {
  return (
    <button
      type="button"
      class="icon-button"
      aria-label={label}
      title={label}
      aria-expanded={expanded}
      aria-pressed={pressed}
      aria-controls={controls}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
