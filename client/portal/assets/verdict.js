// Renders a verification document (dengji-verify.mjs `verify`) into the verdict element:
// `data-verdict` is the verdict (`valid`, `expired`, `superseded`, `cancelled`, `revoked`,
// `not_found`, `stale`), or `error` with `data-check` naming the failed check. Text only
// (textContent, createElement): nothing from the bundle is ever parsed as HTML.

export function word(key) {
	const li = document.querySelector(`#verdict-words li[data-k="${key}"]`);
	return li ? li.textContent : key;
}

export function show(el, result, ms, lang) {
	el.replaceChildren();
	const p = document.createElement('p');
	p.className = 'word';
	if (result.error) {
		el.dataset.verdict = 'error';
		el.dataset.check = result.error.check || result.error.kind || '';
		p.textContent = `${word('error')}: ${result.error.message}`;
		el.append(p);
	} else {
		el.dataset.verdict = result.verdict;
		delete el.dataset.check;
		p.textContent = word(result.verdict);
		el.append(p);
		const facts = document.createElement('p');
		facts.className = 'facts';
		facts.textContent = `${word('block')} #${result.block.number} (${result.finalized_at_time})`;
		el.append(facts);
		const by = result.detail && result.detail.Superseded && result.detail.Superseded.by;
		if (by) {
			const a = document.createElement('a');
			a.className = 'successor';
			a.href = `/certificates/${encodeURIComponent(by)}${lang ? `?lang=${lang}` : ''}`;
			a.textContent = `${word('successor')}: ${by}`;
			el.append(a);
		}
	}
	if (ms !== undefined) {
		el.dataset.ms = ms.toFixed(1);
		const t = document.createElement('p');
		t.className = 'timing';
		t.textContent = `${word('ms')} ${ms.toFixed(1)} ms`;
		el.append(t);
	}
}
