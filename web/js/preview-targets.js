// What the preview shows: one of the selected filters or the chain, chosen in a select that
// follows the last thing edited.
import { t } from './i18n.js';

export class PreviewTargets {
  constructor({ select, field, filters, chain, labelOf }) {
    Object.assign(this, { select, field, filters, chain, labelOf });
    this.current = ''; // a filter id, or '@chain'
  }

  list() {
    const out = this.filters.selected().map((id) => ({ value: id, text: this.labelOf(id) }));
    if (!this.chain.isEmpty()) out.push({ value: '@chain', text: t('preview.chain', { name: this.chain.name }) });
    return out;
  }

  update() {
    const targets = this.list();
    if (!targets.some((x) => x.value === this.current)) this.current = targets[0]?.value ?? '';
    this.select.replaceChildren(...targets.map((x) => {
      const o = document.createElement('option');
      o.value = x.value;
      o.textContent = x.text;
      return o;
    }));
    this.select.value = this.current;
    this.select.disabled = targets.length === 0;
    this.field.hidden = targets.length === 0;
  }

  // The preview request for the current target, or null when there is nothing to show.
  describe() {
    const target = this.current;
    if (!target) return null;
    if (target === '@chain') {
      if (this.chain.isEmpty()) return null;
      return { body: { chain: this.chain.toMessage() }, label: t('preview.chain', { name: this.chain.name }) };
    }
    const params = this.filters.parameters()[target];
    return {
      body: { filters: [target], parameters: params ? { [target]: params } : {} },
      label: this.labelOf(target),
    };
  }
}
