// ishc: small enhancements only; every form works without this file.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
	// Ask before disabling an account or revoking a token.
	for (const b of document.querySelectorAll('button.danger')) {
		b.addEventListener('click', (ev) => {
			const lang = document.documentElement.lang;
			if (!window.confirm(lang === 'en' ? 'Are you sure?' : 'Bạn có chắc không?')) ev.preventDefault();
		});
	}
	// Move focus to the first field with an error, so a screen reader reads its message.
	const bad = document.querySelector('[aria-invalid="true"]');
	if (bad) bad.focus();
});

// The monthly report form: checks the "<= CODE" and ">= CODE" rules as a value is typed (the
// inputs carry data-le / data-ge and data-label; computed figures carry data-value). The server
// checks again on every save; this only tells sooner.
document.addEventListener('DOMContentLoaded', () => {
	const form = document.querySelector('form.report-form');
	if (!form) return;
	const en = document.documentElement.lang === 'en';
	const byCode = (code) => form.querySelector(`[data-code="${code}"]`);
	const number = (el) => {
		if (!el) return null;
		if (el.dataset.value !== undefined) return el.dataset.value === '' ? null : Number(el.dataset.value);
		const t = (el.value || '').replace(/\s|đ|₫/g, '').replace(/\./g, '');
		return /^\d+$/.test(t) ? Number(t) : null;
	};
	const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	const check = (input) => {
		const rule = input.dataset.le ? 'le' : input.dataset.ge ? 'ge' : null;
		let note = input.closest('.field').querySelector('.live-msg');
		let text = '';
		if (rule) {
			const other = byCode(input.dataset[rule]);
			const a = number(input), b = number(other);
			if (a !== null && b !== null && (rule === 'le' ? a > b : a < b)) {
				const label = other.dataset.label;
				text = en ? `${input.dataset.label} (${grouped(a)}) must not be ${rule === 'le' ? 'more' : 'less'} than ${label} (${grouped(b)})`
					: `${input.dataset.label} (${grouped(a)}) không được ${rule === 'le' ? 'lớn hơn' : 'nhỏ hơn'} ${label} (${grouped(b)})`;
			}
		}
		if (!text) {
			if (note) note.remove();
			return;
		}
		if (!note) {
			note = document.createElement('p');
			note.className = 'live-msg';
			note.setAttribute('role', 'status');
			input.closest('.field').appendChild(note);
		}
		note.textContent = text;
	};
	for (const input of form.querySelectorAll('input[data-code]')) {
		input.addEventListener('input', () => {
			check(input);
			// A field whose rule names this one is checked again too.
			for (const dep of form.querySelectorAll(`[data-le="${input.dataset.code}"], [data-ge="${input.dataset.code}"]`)) if (dep !== input && dep.tagName === 'INPUT') check(dep);
		});
	}
});
