// Drives headless Chromium (Debian's /usr/bin/chromium, through playwright-core; no browser
// download) over the portal's pages for client/portal/tests/browser.rs (issue 13).
//
//   node pages.mjs <phase> '<json arguments>'
//
// Prints one JSON object (what the Rust test asserts on) and exits 0; an assertion that fails
// here throws: exit 1 with the message on stderr. Every page load checks that no script injected
// through data ran (dialogs, `window.__pwned`, injected elements) and that the layout holds (no
// horizontal overflow).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [phase, argJson] = process.argv.slice(2);
const args = JSON.parse(argJson || '{}');
const base = args.base;
const VERDICT_TIMEOUT = 60_000;

function assert(cond, msg) {
	if (!cond) throw new Error(`assertion failed: ${msg}`);
}

async function launch(options = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'dengji-chromium-'));
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: process.env.DENGJI_CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: { width: 1280, height: 900 },
		locale: 'zh-CN', // Accept-Language: the pages' default language (tests pass `locale` or ?lang=en)
		...options,
	});
	const incidents = [];
	context.on('page', (p) => watch(p, incidents));
	for (const p of context.pages()) watch(p, incidents);
	return { context, incidents, close: async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

function watch(page, incidents) {
	page.on('dialog', async (d) => { incidents.push(`dialog: ${d.message()}`); await d.dismiss(); });
	page.on('pageerror', (e) => incidents.push(`pageerror: ${e.message}`));
	page.on('console', (m) => { if (m.type() === 'error') incidents.push(`console: ${m.text()}`); });
}

async function newPage(ctx) {
	const pages = ctx.context.pages();
	return pages.length ? pages[0] : ctx.context.newPage();
}

// Title, lang, a label for every visible form field, no injected script or element, no
// horizontal overflow.
async function checkPage(page, ctx, lang) {
	const facts = await page.evaluate(() => {
		const unlabelled = [...document.querySelectorAll('input, select, textarea')]
			.filter((e) => e.type !== 'hidden' && (!e.labels || e.labels.length === 0) && !e.getAttribute('aria-label'))
			.map((e) => e.id || e.name);
		return {
			title: document.title,
			lang: document.documentElement.lang,
			unlabelled,
			pwned: window.__pwned === true,
			imgs: document.querySelectorAll('img').length,
			scripts: [...document.scripts].map((s) => s.src || 'inline'),
			overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
		};
	});
	assert(facts.title.length > 0, `${page.url()}: no title`);
	assert(facts.lang === lang, `${page.url()}: lang ${facts.lang}, expected ${lang}`);
	assert(facts.unlabelled.length === 0, `${page.url()}: unlabelled fields ${facts.unlabelled}`);
	assert(!facts.pwned && facts.imgs === 0, `${page.url()}: injected markup ran or rendered: ${JSON.stringify(facts)}`);
	assert(facts.scripts.every((s) => s.startsWith(base + '/assets/')), `${page.url()}: foreign script ${facts.scripts}`);
	assert(facts.overflow <= 1, `${page.url()}: layout overflows horizontally by ${facts.overflow}px`);
	const bad = ctx.incidents.filter((i) => !i.includes('Failed to load resource'));
	assert(bad.length === 0, `${page.url()}: ${bad.join('; ')}`);
	return facts;
}

async function waitVerdict(page) {
	await page.waitForFunction(() => {
		const v = document.getElementById('verdict')?.dataset.verdict;
		return v && !['none', 'pending', 'ready'].includes(v);
	}, null, { timeout: VERDICT_TIMEOUT });
	return page.evaluate(() => {
		const el = document.getElementById('verdict');
		return {
			verdict: el.dataset.verdict,
			check: el.dataset.check || null,
			ms: Number(el.dataset.ms || 'NaN'),
			verifyMs: Number(el.dataset.verifyMs || 'NaN'),
			text: el.textContent,
			trust: document.getElementById('trust-used')?.dataset.trust || null,
		};
	});
}

const phases = {
	// The board during publicity: the notice with its four YX-R §22 fields, inert markup, both
	// languages, without JavaScript too.
	async board() {
		const out = {};
		// zh-CN by default; English by ?lang=en and by Accept-Language (browser locale en-US).
		for (const [js, lang, suffix, locale] of [[true, 'zh-CN', '', 'zh-CN'], [true, 'en', '?lang=en', 'zh-CN'],
			[true, 'en', '', 'en-US'], [false, 'zh-CN', '', 'zh-CN']]) {
			const ctx = await launch({ javaScriptEnabled: js, locale });
			try {
				const page = await newPage(ctx);
				await page.goto(`${base}/publicity${suffix}`);
				await checkPage(page, ctx, lang);
				const n = page.locator(`li.notice[data-application="${args.application}"]`);
				assert(await n.count() === 1, `notice ${args.application} not on the board`);
				const name = await n.locator('h2.name').textContent();
				assert(name === args.data_name, `data name rendered as ${JSON.stringify(name)}`);
				const summary = await n.locator('dd.summary').textContent();
				assert(summary === args.summary, `summary rendered as ${JSON.stringify(summary)}`);
				assert(await n.locator('dd.subject').textContent() === args.subject_name, 'subject name');
				const left = Number(await n.locator('dd.days-left').textContent());
				assert(left >= 1 && left <= 10, `working days left ${left}`);
				const box = await n.boundingBox();
				assert(box && box.width <= 1280, `notice box ${JSON.stringify(box)}`);
				out[`${lang}${suffix}${js ? '' : '-nojs'}`] = { left, title: await page.title() };
				if (js && lang === 'zh-CN' && args.screenshots) {
					await page.screenshot({ path: join(args.screenshots, 'publicity.png'), fullPage: true });
				}
			} finally { await ctx.close(); }
		}
		return out;
	},

	// The certificate page opened at its QR URL: verdict computed in the page.
	async certificate() {
		const ctx = await launch();
		try {
			const page = await newPage(ctx);
			const t0 = Date.now();
			await page.goto(args.url);
			const v = await waitVerdict(page);
			const openToVerdictMs = Date.now() - t0;
			await checkPage(page, ctx, args.lang || 'zh-CN');
			const out = { ...v, openToVerdictMs };
			if (args.qr_png) {
				await page.locator('figure.qr .qr-code').screenshot({ path: args.qr_png });
				out.qrUrl = await page.locator('#qr-url').textContent();
			}
			if (args.screenshots) {
				await page.screenshot({ path: join(args.screenshots, args.screenshot || 'certificate.png'), fullPage: true });
			}
			if (args.pin) {
				// A venue pins the authority's trust root once; the page then says so.
				await page.evaluate((t) => localStorage.setItem('dengji.trustRoot', t), args.pin);
				await page.reload();
				out.pinned = await waitVerdict(page);
				await page.evaluate(() => localStorage.removeItem('dengji.trustRoot'));
			}
			if (args.print_pdf) {
				await page.emulateMedia({ media: 'print' });
				const hidden = await page.evaluate(() => getComputedStyle(document.querySelector('header.site')).display);
				assert(hidden === 'none', 'print stylesheet hides the site header');
			}
			return out;
		} finally { await ctx.close(); }
	},

	// Any page without JavaScript: readable, verdict element says how to verify offline.
	async nojs() {
		const ctx = await launch({ javaScriptEnabled: false });
		try {
			const page = await newPage(ctx);
			const out = {};
			for (const p of args.paths) {
				const r = await page.goto(`${base}${p.path}`);
				assert(r.status() === 200, `${p.path}: status ${r.status()}`);
				await checkPage(page, ctx, p.lang);
				for (const t of p.contains || []) {
					assert((await page.locator('main').textContent()).includes(t), `${p.path}: no "${t}" without JavaScript`);
				}
				out[p.path] = await page.evaluate(() => document.getElementById('verdict')?.dataset.verdict || null);
			}
			return out;
		} finally { await ctx.close(); }
	},

	// /verify: files in, verdict out, with the network cut after the page loaded (offline).
	async verifyFiles() {
		const ctx = await launch();
		try {
			const page = await newPage(ctx);
			await page.goto(`${base}/verify${args.lang === 'en' ? '?lang=en' : ''}`);
			await page.waitForFunction(() => document.getElementById('verdict').dataset.verdict === 'ready');
			// Let the module finish loading, then go offline: nothing more is fetched.
			await page.evaluate(() => import('/assets/dengji-verify.mjs').then((m) => m.init('/assets/dengji_verify_wasm.wasm')));
			await ctx.context.setOffline(true);
			const results = [];
			for (const bundle of args.bundles) {
				await page.evaluate(() => { document.getElementById('verdict').dataset.verdict = 'ready'; });
				await page.setInputFiles('#bundle-file', bundle);
				await page.setInputFiles('#trust-file', args.trust);
				await page.click('#verify-button');
				results.push({ bundle, ...(await waitVerdict(page)) });
			}
			await checkPage(page, ctx, args.lang === 'en' ? 'en' : 'zh-CN');
			if (args.screenshots) {
				await page.screenshot({ path: join(args.screenshots, 'verify.png'), fullPage: true });
			}
			return results;
		} finally { await ctx.close(); }
	},

	// Screenshots of pages as they are (home, registration).
	async screens() {
		const ctx = await launch();
		try {
			const page = await newPage(ctx);
			for (const s of args.pages) {
				await page.goto(`${base}${s.path}`);
				await checkPage(page, ctx, s.lang || 'zh-CN');
				await page.screenshot({ path: join(args.screenshots, s.file), fullPage: true });
			}
			return {};
		} finally { await ctx.close(); }
	},

	// Benchmark: verify the same binary bundle `n` times in the page, after warm-up.
	async bench() {
		const ctx = await launch();
		try {
			const page = await newPage(ctx);
			await page.goto(`${base}/verify`);
			return await page.evaluate(async ({ bundleB64, trust, n, nowMs }) => {
				const m = await import('/assets/dengji-verify.mjs');
				await m.init('/assets/dengji_verify_wasm.wasm');
				const bytes = Uint8Array.from(atob(bundleB64), (c) => c.charCodeAt(0));
				for (let i = 0; i < 20; i++) m.verify(bytes, trust, nowMs, { maxAgeMs: Infinity });
				// Batches of n runs (performance.now() is coarsened in browsers): median per run.
				const per = [];
				let verdict;
				for (let b = 0; b < 5; b++) {
					const t = performance.now();
					for (let i = 0; i < n; i++) verdict = m.verify(bytes, trust, nowMs, { maxAgeMs: Infinity }).verdict;
					per.push((performance.now() - t) / n);
				}
				per.sort((a, b) => a - b);
				return { verdict, n, median_ms: per[2], min_ms: per[0], ua: navigator.userAgent };
			}, args);
		} finally { await ctx.close(); }
	},
};

const run = phases[phase];
if (!run) throw new Error(`unknown phase ${phase}`);
const result = await run();
writeFileSync(1, JSON.stringify(result) + '\n');
