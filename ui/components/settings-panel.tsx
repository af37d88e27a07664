// Settings, a view of its own: the API key (entered masked, saved through the sandbox, removable), then the
// provider, the relay and the cost limit under Advanced.
// Stored secrets are never rendered: the key and token fields only ever hold what the designer is typing.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { PROVIDER_IDS, PROVIDER_LABELS } from '../../core/settings';
import type { ProviderId } from '../../core/settings';
import { needsRelay } from '../providers/registry';
import type { DraftField, Notice, NoticeArea } from '../state/use-settings';
import { BackIcon, IconButton } from './icons';

/** Where each provider hands out API keys. */
export const API_KEYS_URLS: Readonly<Record<ProviderId, string>> = {
  segmind: 'https://cloud.segmind.com/console/api-keys',
  runway: 'https://dev.runwayml.com/',
};

interface SettingsPanelProps {
  readonly open: boolean;
  /** Changed to put the focus in the key field (a first run, a refused key). */
  readonly keyFocus: number;
  readonly onClose: () => void;
  readonly provider: ProviderId;
  readonly onProvider: (provider: ProviderId) => void;
  readonly apiKey: DraftField & { readonly saved: boolean };
  readonly onSaveKey: () => void;
  readonly onRemoveKey: () => void;
  readonly relayUrl: DraftField & { readonly saved: string | null };
  readonly relayToken: DraftField & { readonly saved: boolean };
  readonly onSaveRelay: () => void;
  readonly onRemoveRelay: () => void;
  readonly notice: Notice | null;
  /** More settings, after the relay (e.g. the cost limit). */
  readonly children?: ComponentChildren;
}

function NoticeLine({ notice, area }: { readonly notice: Notice | null; readonly area: NoticeArea }) {
  if (notice?.area !== area) return null;
  return (
    <p role={notice.tone === 'danger' ? 'alert' : 'status'} class={`note is-${notice.tone}`}>
      {notice.text}
    </p>
  );
}

/** Saves on Enter, as the button next to the field would. */
function onEnter(action: () => void) {
  return (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && !event.isComposing) action();
  };
}

/**
 * The Settings view: the API key first, with one line on where to get one; the provider, the relay and the cost
 * limit under Advanced (open when the provider needs a relay, or one is set).
 */
export function SettingsPanel(props: SettingsPanelProps) {
  const { open, keyFocus, provider, apiKey, relayUrl, relayToken } = props;
  // Closed, its notice shows in the panel instead (ui/app.tsx).
  const notice = open ? props.notice : null;
  const [shown, setShown] = useState(false);
  const keyField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (keyFocus > 0) keyField.current?.focus();
  }, [keyFocus]);
  const label = PROVIDER_LABELS[provider];
  const keysUrl = API_KEYS_URLS[provider];
  const advanced = needsRelay(provider) || relayUrl.saved !== null || props.notice?.area === 'relay';
  return (
    <section id="settings" class="view" aria-labelledby="settings-title" hidden={!open}>
      <header class="toolbar">
        <IconButton label="Back to the panel" onClick={props.onClose}>
          <BackIcon />
        </IconButton>
        <h1 id="settings-title" class="grow">
          Settings
        </h1>
      </header>
      <div class="content">
        <NoticeLine notice={notice} area="general" />
        {/* No <form>: Figma's plugin iframe is sandboxed without allow-forms, so a submit would be blocked. */}
        <div class="stack">
          <label for="api-key">API key</label>
          <div class="row">
            <input
              id="api-key"
              ref={keyField}
              class="grow"
              type={shown ? 'text' : 'password'}
              value={apiKey.draft}
              onInput={(event) => apiKey.onDraft(event.currentTarget.value)}
              onKeyDown={onEnter(props.onSaveKey)}
              placeholder={apiKey.saved ? 'A key is saved — paste another to replace it' : `Paste your ${label} API key`}
              autocomplete="off"
              spellcheck={false}
              aria-describedby="api-key-help"
            />
            <button type="button" onClick={() => setShown(!shown)}>
              {shown ? 'Hide' : 'Show'}
            </button>
          </div>
          <div class="row">
            <button type="button" class="primary" onClick={props.onSaveKey}>
              Save key
            </button>
            {apiKey.saved && (
              <button type="button" onClick={props.onRemoveKey}>
                Remove key
              </button>
            )}
          </div>
          <p id="api-key-help" class="hint">
            {apiKey.saved ? 'A key is saved on this computer. ' : ''}Get one at{' '}
            <a href={keysUrl} target="_blank" rel="noreferrer">
              {keysUrl}
            </a>
            ; it stays on this computer, never in the file.
          </p>
          <NoticeLine notice={notice} area="key" />
        </div>
        <details class="advanced" open={advanced}>
          <summary>Advanced</summary>
          <div class="stack">
            <label for="provider">Provider</label>
            <select id="provider" value={provider} onChange={(event) => props.onProvider(event.currentTarget.value as ProviderId)}>
              {PROVIDER_IDS.map((id) => (
                <option key={id} value={id}>
                  {PROVIDER_LABELS[id]}
                </option>
              ))}
            </select>
          </div>
          <div class="stack">
            <label for="relay-url">Relay URL</label>
            <input
              id="relay-url"
              type="url"
              value={relayUrl.draft}
              onInput={(event) => relayUrl.onDraft(event.currentTarget.value)}
              onKeyDown={onEnter(props.onSaveRelay)}
              placeholder="http://127.0.0.1:8787"
              autocomplete="off"
              spellcheck={false}
              aria-describedby="relay-help"
            />
            <label for="relay-token">Relay token</label>
            <input
              id="relay-token"
              type="password"
              value={relayToken.draft}
              onInput={(event) => relayToken.onDraft(event.currentTarget.value)}
              onKeyDown={onEnter(props.onSaveRelay)}
              placeholder={relayToken.saved ? 'A token is saved — paste another to replace it' : 'Only if the relay asks for one'}
              autocomplete="off"
              spellcheck={false}
              aria-describedby="relay-help"
            />
            <div class="row">
              <button type="button" onClick={props.onSaveRelay}>
                Save relay
              </button>
              {(relayUrl.saved !== null || relayToken.saved) && (
                <button type="button" onClick={props.onRemoveRelay}>
                  Remove relay
                </button>
              )}
            </div>
            <p id="relay-help" class="hint">
              {relayUrl.saved === null ? 'No relay: requests go straight to the provider. ' : `Requests go through ${relayUrl.saved}. `}
              Runway needs one (it refuses browser calls): run <code>npm run relay</code> in the plugin&apos;s folder and paste the URL it
              prints, or use your team&apos;s.
            </p>
            <NoticeLine notice={notice} area="relay" />
          </div>
          {props.children}
        </details>
      </div>
    </section>
  );
}
