//! Static files of the pages, embedded in the binary: the stylesheet (screen and A4 print), the
//! two page scripts, and the in-browser verifier (`dengji-verify.mjs` and the
//! `dengji_verify_wasm.wasm` module that `build.rs` builds from `client/verify-wasm`).

use axum::{
	extract::Path,
	http::{header, HeaderValue, StatusCode},
	response::{IntoResponse, Response},
};

/// The verifier module, built by `build.rs`.
pub const VERIFY_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dengji_verify_wasm.wasm"));
/// The verifier's ES module (`client/verify-wasm/js`).
pub const VERIFY_MJS: &str = include_str!("../../../verify-wasm/js/dengji-verify.mjs");
/// Screen and print stylesheet.
pub const STYLE_CSS: &str = include_str!("../../assets/style.css");
/// The certificate page's script: fetch the bundle, verify it here, show the verdict.
pub const CERTIFICATE_JS: &str = include_str!("../../assets/certificate.js");
/// The `/verify` page's script: files in, verdict out, offline.
pub const VERIFY_JS: &str = include_str!("../../assets/verify.js");
/// Shared by both scripts: renders a verification document into the verdict element.
pub const VERDICT_JS: &str = include_str!("../../assets/verdict.js");

/// `(name, content type, bytes)` of every asset.
pub const FILES: &[(&str, &str, &[u8])] = &[
	("style.css", "text/css; charset=utf-8", STYLE_CSS.as_bytes()),
	("certificate.js", "text/javascript; charset=utf-8", CERTIFICATE_JS.as_bytes()),
	("verify.js", "text/javascript; charset=utf-8", VERIFY_JS.as_bytes()),
	("verdict.js", "text/javascript; charset=utf-8", VERDICT_JS.as_bytes()),
	("dengji-verify.mjs", "text/javascript; charset=utf-8", VERIFY_MJS.as_bytes()),
	("dengji_verify_wasm.wasm", "application/wasm", VERIFY_WASM),
];

/// `GET /assets/{file}`.
pub async fn serve(Path(file): Path<String>) -> Response {
	match FILES.iter().find(|(n, _, _)| *n == file) {
		Some((_, ty, bytes)) => {
			let mut r = (StatusCode::OK, *bytes).into_response();
			let h = r.headers_mut();
			h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ty));
			h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
			h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
			r
		}
		None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
	}
}
