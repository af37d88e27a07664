// The toolbar's Fault menu (playground only): switches the provider stand-in's fault through the host server, so
// each error state of the panel can be seen with the next Generate, without restarting `npm start`.
import type { HostConfig } from '../server';

/** Fills and shows `select` when the server offers faults; a change posts the chosen one (or none). */
export function mountFaultControl(select: HTMLSelectElement, faults: HostConfig['faults']): void {
  if (!faults) return;
  select.replaceChildren(new Option('None', ''), ...faults.names.map((name) => new Option(name, name)));
  let applied = faults.current ?? '';
  select.value = applied;
  (select.closest('label') ?? select).hidden = false;
  select.addEventListener('change', () => {
    const wanted = select.value;
    postFaultAsync(wanted === '' ? null : wanted).then(
      () => {
        applied = wanted;
        select.dataset.applied = wanted;
      },
      (error: unknown) => {
        // The menu keeps showing what the stand-in really does.
        select.value = applied;
        console.error("[host] Couldn't switch the stand-in's fault:", error);
      },
    );
  });
}

async function postFaultAsync(fault: string | null): Promise<void> {
  const response = await fetch('/fault', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fault }),
  });
  if (!response.ok) throw new Error(await response.text());
}
