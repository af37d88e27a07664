// The plugin panel's layout: what the designer sees, in order, read from the session (ui/session/), which holds
// what was entered, answers the sandbox and runs generations. Everything outside the page comes in through `services`.
import { CostLimitField } from './components/cost-limit-field';
import { DropZone } from './components/drop-zone';
import { GeneratePanel } from './components/generate-panel';
import { HistoryList } from './components/history-list';
import { ModelField } from './components/model-field';
import { PlaceIntoField } from './components/place-into-field';
import { PresetField } from './components/preset-field';
import { PromptField } from './components/prompt-field';
import { RatioField } from './components/ratio-field';
import { ReferenceList } from './components/reference-list';
import { SeedField } from './components/seed-field';
import { SettingsPanel } from './components/settings-panel';
import type { Services } from './services';
import { useSession } from './session/use-session';
import { effectiveLimit } from './state/cost-guard';
import { placingNote } from './state/place-into';

/** The plugin panel. */
export function App({ services }: { readonly services: Services }) {
  const session = useSession(services);
  const { store, choice, placeInto, cards, draft, presets, seed, generation, entry } = session;
  const { provider, model } = choice;
  const { settings } = store;
  return (
    <main class="panel">
      <header class="row spread">
        <h1>
          {model.label} <span class="hint">via {provider.label}</span>
        </h1>
        <button type="button" aria-expanded={session.settingsOpen} aria-controls="settings" onClick={session.toggleSettings}>
          Settings
        </button>
      </header>
      <SettingsPanel
        open={session.settingsOpen}
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
      {session.notices.map(
        (text) =>
          text !== null && (
            <p key={text} class="note" role="status">
              {text}
            </p>
          ),
      )}
      <PlaceIntoField value={placeInto.mode} placing={placeInto.placing} onChange={placeInto.change} onChoose={placeInto.choose} />
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
      <ModelField
        models={provider.models}
        value={model.id}
        onChange={(id) => store.save({ model: { provider: settings.provider, model: id } })}
      />
      <PresetField
        presets={presets.presets}
        value={presets.preset?.preset.id ?? ''}
        canUseStarter={presets.canUseStarter}
        onChange={presets.choose}
        onUseStarter={presets.applyStarter}
      />
      <RatioField ratios={model.ratios} value={choice.ratio} onChange={choice.changeRatio} fittedTo={choice.fittedTo} />
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
      <HistoryList entries={session.history.entries} notice={session.history.notice} onOpen={session.openHistory} />
    </main>
  );
}
