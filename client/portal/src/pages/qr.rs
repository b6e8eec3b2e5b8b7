//! QR codes of certificate pages (issue 13): an SVG of the page's URL, which carries the
//! certificate's QR payload `dengji:1:<genesis-hash>:<code>` (docs/spec/DESIGN.md §7) in its
//! fragment, so a phone camera opens the page and `dengji cert verify <URL>` checks the chain.

use qrcode::{render::svg, EcLevel, QrCode};

/// `<public_url>/certificates/<code>#dengji:1:<genesis, 64 lower-case hex digits>:<code>`.
/// `genesis` may carry a `0x` prefix.
pub fn certificate_url(public_url: &str, genesis: &str, code: &str) -> String {
	let g = genesis.trim_start_matches("0x").to_ascii_lowercase();
	format!("{}/certificates/{code}#dengji:1:{g}:{code}", public_url.trim_end_matches('/'))
}

/// The QR code of `text` as an inline `<svg>` element (no XML declaration), black on white,
/// with the standard quiet zone, error correction M.
pub fn svg(text: &str) -> Option<String> {
	let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
	let s = code
		.render::<svg::Color<'_>>()
		.min_dimensions(200, 200)
		.dark_color(svg::Color("#000000"))
		.light_color(svg::Color("#ffffff"))
		.quiet_zone(true)
		.build();
	// The renderer starts with `<?xml …?>`: inline SVG in HTML starts at `<svg`.
	let start = s.find("<svg")?;
	Some(s[start..].to_string())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn url_carries_the_qr_payload_in_its_fragment() {
		let g = format!("0x{}", "AB".repeat(32));
		let u = certificate_url("https://portal.example/", &g, "530400-2026-0000123-6");
		assert_eq!(
			u,
			format!(
				"https://portal.example/certificates/530400-2026-0000123-6#dengji:1:{}:530400-2026-0000123-6",
				"ab".repeat(32)
			)
		);
		let payload = u.split_once('#').map(|(_, f)| f).unwrap_or_default();
		let qr = dengji_verify::QrPayload::parse(payload).expect("a valid payload");
		assert_eq!(qr.genesis_hash, [0xab; 32]);
		// What `dengji cert verify <URL>` parses (the verifier's own reading of the URL).
		assert_eq!(dengji_verify::QrPayload::parse_url(&u).expect("the verifier reads it"), qr);
	}

	#[test]
	fn svg_is_an_inline_element() {
		let s = svg("https://portal.example/certificates/x").expect("encodes");
		assert!(s.starts_with("<svg"), "{s}");
		assert!(!s.contains("<?xml"));
	}
}
