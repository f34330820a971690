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
