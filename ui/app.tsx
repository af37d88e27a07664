// The plugin panel's layout: what the designer sees, read from the session (ui/session/), which holds what was
// entered, answers the sandbox and runs generations. Everything outside the page comes in through `services`.
// One screen: a toolbar, the references, prompt and options scrolling in between, and Generate pinned in the
// footer; Settings is a view of its own.
import { CostLimitField } from './components/cost-limit-field';
import { DropZone } from './components/drop-zone';
import { GeneratePanel } from './components/generate-panel';
import { HistoryList } from './components/history-list';
import { HistoryIcon, IconButton, SettingsIcon } from './components/icons';
import { ModelField } from './components/model-field';
import { PlaceIntoField } from './components/place-into-field';
import { PresetField } from './components/preset-field';
import { PromptField } from './components/prompt-field';
import { RatioField } from './components/ratio-field';
import { ReferenceList } from './components/reference-list';
import { ResizeGrip } from './components/resize-grip';
import { SeedField } from './components/seed-field';
import { SettingsPanel } from './components/settings-panel';
import { UpscalePanel } from './components/upscale-panel';
import type { Services } from './services';
import { useSession } from './session/use-session';
import { effectiveLimit } from './state/cost-guard';
import { placingNote } from './state/place-into';

/** The plugin panel. */
export function App({ services }: { readonly services: Services }) {
  const session = useSession(services);
  const { store, choice, placeInto, cards, draft, presets, seed, generation, entry, layout } = session;
  const { provider, model } = choice;
  const { settings } = store;
  const saved = !session.settingsOpen && store.notice?.tone === 'success' ? store.notice.text : null;
  return (
    <main class="panel">
      <SettingsPanel
        open={session.settingsOpen}
        keyFocus={session.keyFocus}
        onClose={session.closeSettings}
        provider={settings.provider}
        onProvider={(id) => store.save({ provider: id })}
        apiKey={{ ...store.keyField, saved: settings.apiKeys[settings.provider] !== null }}
        onSaveKey={store.saveKey}
        onRemoveKey={store.removeKey}
        relayUrl={{ ...store.relayUrlField, saved: settings.relayUrl }}
        relayToken={{ ...store.relayTokenField, saved: settings.relayToken !== null }}
        onSaveRelay={store.saveRelay}
        onRemoveRelay={store.removeRelay}
        notice={store.notice}
      >
        <CostLimitField
          saved={settings.costLimit}
          defaultLimit={effectiveLimit(null, entry.cheapest)}
          onSave={(costLimit) => store.save({ costLimit }, { area: 'general', saved: 'Cost limit saved.' })}
          onProblem={(text) => store.setNotice({ area: 'general', tone: 'danger', text })}
        />
      </SettingsPanel>
      <div class="view" hidden={session.settingsOpen}>
        <header class="toolbar">
          <h1 class="grow">
            {model.label} <span class="hint">· {provider.label}</span>
          </h1>
          <IconButton
            label="History"
            pressed={layout.historyOpen}
            controls="history"
            disabled={session.history.entries.length === 0 && session.history.notice === null}
            onClick={() => {
              layout.setHistoryOpen(!layout.historyOpen);
              // Opened from the toolbar: brought into view below the options.
              requestAnimationFrame(() => document.getElementById('history')?.scrollIntoView({ block: 'nearest' }));
            }}
          >
            <HistoryIcon />
          </IconButton>
          <IconButton label="Settings" expanded={false} controls="settings" onClick={session.openSettings}>
            <SettingsIcon />
          </IconButton>
        </header>
        <div class="content">
          {[saved, ...session.notices].map(
            (text) =>
              text !== null && (
                <p key={text} class="note" role="status">
                  {text}
                </p>
              ),
          )}
          <ReferenceList
            references={cards.references}
            problems={session.problems}
            leftOut={session.leftOut}
            onTag={cards.setTag}
            onRemove={cards.remove}
            thumbnailAsync={services.thumbnailAsync}
          >
            <DropZone notices={cards.fileNotices} onFiles={(files) => void cards.addAsync(files)} />
          </ReferenceList>
          <PromptField
            value={draft.prompt}
            check={session.promptCheck}
            recheck={session.recheck}
            tags={session.mentionable}
            onInput={draft.setPrompt}
          />
          <div class="options" role="group" aria-label="Options">
            <RatioField ratios={model.ratios} value={choice.ratio} onChange={choice.changeRatio} fittedTo={choice.fittedTo} />
            <PlaceIntoField value={placeInto.mode} placing={placeInto.placing} onChange={placeInto.change} onChoose={placeInto.choose} />
            <PresetField
              presets={presets.presets}
              value={presets.preset?.preset.id ?? ''}
              canUseStarter={presets.canUseStarter}
              onChange={presets.choose}
              onUseStarter={presets.applyStarter}
            />
            <ModelField
              models={provider.models}
              value={model.id}
              onChange={(id) => store.save({ model: { provider: settings.provider, model: id } })}
            />
            {model.supportsSeed && (
              <SeedField
                draft={seed.draft}
                fixed={seed.fixed}
                problem={seed.parsed && !seed.parsed.ok ? seed.parsed.error : null}
                lastSeed={seed.lastSeed}
                variations={settings.variations}
                onDraft={(text) => seed.change(text, true)}
                onFixed={(fixed) => seed.change(seed.draft, fixed)}
              />
            )}
          </div>
          <UpscalePanel
            state={session.upscale.state}
            onStart={session.upscale.start}
            onRun={(source, flavor) => void session.upscale.runAsync(source, flavor)}
            onCancel={session.upscale.cancel}
            onRevert={session.upscale.revert}
            onClose={session.upscale.close}
          />
          <HistoryList
            entries={session.history.entries}
            notice={session.history.notice}
            open={layout.historyOpen}
            onToggle={layout.setHistoryOpen}
            onOpen={session.openHistory}
            onReuse={session.reuseHistory}
          />
        </div>
        <GeneratePanel
          run={generation.run}
          now={session.now}
          blockers={entry.blockers}
          placingNote={placingNote(placeInto.mode, placeInto.placing.target, settings.variations)}
          variations={settings.variations}
          onVariations={(variations) => store.save({ variations })}
          cost={entry.cost}
          question={entry.question}
          onConfirm={() => void entry.generateAsync(true)}
          onDismiss={entry.dismiss}
          spent={generation.spent}
          onGenerate={() => void entry.generateAsync()}
          onCancel={generation.cancel}
          closing={session.closing}
          // Where Place into points now: a failed placement's target may be gone, and the designer may have picked another.
          onPlaceAgain={(index) => generation.placeAgain(index, placeInto.target)}
        />
      </div>
      <ResizeGrip onResize={layout.resize} />
    </main>
  );
}
