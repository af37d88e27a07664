// Settings: the provider, its API key (entered masked, saved through the sandbox, removable) and the relay.
// Stored secrets are never rendered: the key and token fields only ever hold what the designer is typing.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { PROVIDER_IDS, PROVIDER_LABELS } from '../../core/settings';
import type { ProviderId } from '../../core/settings';
import type { DraftField, Notice, NoticeArea } from '../state/use-settings';

/** Where each provider hands out API keys. */
export const API_KEYS_URLS: Readonly<Record<ProviderId, string>> = {
  segmind: 'https://cloud.segmind.com/console/api-keys',
  runway: 'https://dev.runwayml.com/',
};

interface SettingsPanelProps {
  readonly open: boolean;
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

/** The settings section. */
export function SettingsPanel(props: SettingsPanelProps) {
  const { open, provider, apiKey, relayUrl, relayToken, notice } = props;
  const [shown, setShown] = useState(false);
  const label = PROVIDER_LABELS[provider];
  const keysUrl = API_KEYS_URLS[provider];
  return (
    <section id="settings" class="section" aria-labelledby="settings-title" hidden={!open}>
      <h2 id="settings-title">Settings</h2>
      <NoticeLine notice={notice} area="general" />
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
      {/* No <form>: Figma's plugin iframe is sandboxed without allow-forms, so a submit would be blocked. */}
      <div class="stack">
        <label for="api-key">API key</label>
        <div class="row">
          <input
            id="api-key"
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
          {apiKey.saved ? `A ${label} key is saved on this computer. ` : `No ${label} key saved yet. `}
          Get one at{' '}
          <a href={keysUrl} target="_blank" rel="noreferrer">
            {keysUrl}
          </a>
          . It stays in Figma's storage on this computer, never in the file. With a relay that holds the team's key, none is needed here.
        </p>
        <NoticeLine notice={notice} area="key" />
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
          {relayUrl.saved === null ? 'No relay: requests go straight to the provider. ' : `Requests go through ${relayUrl.saved}. `}A relay
          forwards the plugin's requests to the provider. Runway needs one (it refuses calls from a browser); Segmind uses one when its
          direct call is blocked. Start one on this computer with <code>npm run relay</code> in the plugin's folder and paste the URL it
          prints, or use your team's. A relay that holds the provider keys needs only its token.
        </p>
        <NoticeLine notice={notice} area="relay" />
      </div>
      {props.children}
    </section>
  );
}
