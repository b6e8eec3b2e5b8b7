//! 离线签发 — offline certificate signing (issue 11 §5; docs/spec/DESIGN.md §7): the
//! institution's certificate key stays on an air-gapped machine.
//!
//! ```text
//! online:      dengji cert payload <CODE> -o body.bin           (the exact bytes to sign)
//! air-gapped:  dengji sign --key-file cert.json body.bin -o sig.hex
//!              dengji sign --key-file sm2.json  body.bin -o sm2.hex   (SM2 co-signature)
//! online:      dengji cert issue <CODE> --signature @sig.hex [--sm2-signature @sm2.hex]
//! ```
//!
//! `body.bin` is `dengji:certificate:v1 ++ genesis_hash ++ SCALE(CertificateBody)`: domain
//! separated and bound to the chain. The SM2 co-signature (GB/T 32918, SM2 with SM3 and the
//! default distinguishing ID `1234567812345678`) covers the same bytes. `dengji sign` decodes
//! the payload and shows what it signs, refuses anything that is not a certificate body, and
//! refuses an ed25519 key that is not the draft's issuer key.

use super::{connect, read_file, write_file, Ctx};
use crate::{
	args::{Node, Tx},
	error::{CliError, Result},
	keyfile,
	output::{Outcome, TxReport},
	parse::{self, CodeArg},
};
use dengji_client::{
	offline::{self, SignedPayload},
	rpc::to_hex,
	CertificateKey, Sm2Key,
};
use dengji_primitives::{Ed25519Signature, Sm2Signature, SM2_DEFAULT_DISTID};
use serde::Serialize;
use std::{
	fmt,
	path::{Path, PathBuf},
};

/// `dengji cert payload`: writes the draft's signing payload.
pub async fn payload(
	node: &Node,
	code: &CodeArg,
	output: &Path,
	ctx: Ctx,
) -> Result<PayloadWritten> {
	let (code, chain) = code.resolve()?;
	let client = connect(&node.url, ctx).await?;
	super::check_chain(chain, client.reader().genesis_hash())?;
	let p = client.certificate_payload(&code).await?;
	let metadata_hash = client.metadata_hash().await?;
	let spec_version = client.reader().rpc().spec_version(None).await?;
	write_file(output, &p.bytes)?;
	Ok(PayloadWritten {
		metadata_hash: to_hex(&metadata_hash),
		spec_version,
		code: code.to_string(),
		file: output.display().to_string(),
		length: p.bytes.len(),
		blake2_256: to_hex(&dengji_primitives::blake2_256(&p.bytes)),
		genesis_hash: to_hex(&p.genesis_hash),
		issuer: p.body.issuer.to_string(),
		issuer_key: to_hex(&p.body.issuer_key),
		sm2_key: p.sm2_key.map(|k| to_hex(&k)),
		sm2_distinguishing_id: SM2_DEFAULT_DISTID,
		data_name: String::from_utf8_lossy(&p.body.data_name).into_owned(),
	})
}

/// The written payload.
#[derive(Serialize)]
pub struct PayloadWritten {
	/// Certificate code.
	pub code: String,
	/// The file written.
	pub file: String,
	/// Its length in bytes.
	pub length: usize,
	/// BLAKE2-256 of the payload (to compare on the air-gapped machine).
	pub blake2_256: String,
	/// The chain it is bound to.
	pub genesis_hash: String,
	/// Issuing institution.
	pub issuer: String,
	/// The ed25519 key that must sign it (the draft's issuer key).
	pub issuer_key: String,
	/// The institution's SM2 key a co-signature must verify under, if it has one.
	pub sm2_key: Option<String>,
	/// SM2 distinguishing ID (GB/T 35276 default).
	pub sm2_distinguishing_id: &'static str,
	/// The data name, for the signer to recognise the certificate.
	pub data_name: String,
	/// RFC-0078 hash of the runtime's metadata (`CheckMetadataHash`), computed from the node's
	/// metadata: a hardware wallet signing the issue transaction shows the same; `dengji cert
	/// issue --metadata-hash` checks it and signs with it (issue 11 §5).
	pub metadata_hash: String,
	/// The runtime's `spec_version` the hash belongs to.
	pub spec_version: u32,
}

impl Outcome for PayloadWritten {}

impl fmt::Display for PayloadWritten {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"待签名内容已写入 payload of {} written to {} ({} bytes, BLAKE2-256 {})\n签名密钥 sign \
			 with the ed25519 key {} of institution {}",
			self.code, self.file, self.length, self.blake2_256, self.issuer_key, self.issuer
		)?;
		if let Some(k) = &self.sm2_key {
			write!(f, "\n国密联署 SM2 co-signature under {k} (ID {})", self.sm2_distinguishing_id)?;
		}
		write!(
			f,
			"\n元数据哈希 metadata hash {} (runtime spec_version {}): dengji cert issue \
			 --metadata-hash signs the issue transaction with it",
			self.metadata_hash, self.spec_version
		)?;
		write!(f, "\n下一步 next: dengji sign --key-file <KEY FILE> {} -o sig.hex", self.file)
	}
}

/// A signature argument: `0x` + 128 hex digits, or `@FILE` holding that text or 64 raw bytes.
pub fn signature(s: &str) -> std::result::Result<[u8; 64], String> {
	let bad = |why: String| parse::zh_en("签名无效", format_args!("signature `{s}`: {why}"));
	let text = match s.strip_prefix('@') {
		Some(path) => {
			let bytes = std::fs::read(path).map_err(|e| bad(format!("cannot read: {e}")))?;
			if let Ok(raw) = <[u8; 64]>::try_from(bytes.as_slice()) {
				return Ok(raw);
			}
			String::from_utf8(bytes).map_err(|_| bad("neither 64 bytes nor hex text".into()))?
		}
		None => s.to_string(),
	};
	let hex_digits = text.trim().trim_start_matches("0x");
	let bytes = hex::decode(hex_digits).map_err(|e| bad(format!("not hex: {e}")))?;
	bytes.try_into().map_err(|_| bad("a signature is 64 bytes (0x + 128 hex digits)".into()))
}

/// A metadata hash argument: `0x` + 64 hex digits.
pub fn metadata_hash(s: &str) -> std::result::Result<[u8; 32], String> {
	let bad =
		|why: &str| parse::zh_en("元数据哈希无效", format_args!("metadata hash `{s}`: {why}"));
	let bytes = hex::decode(s.trim().trim_start_matches("0x")).map_err(|e| bad(&e.to_string()))?;
	bytes.try_into().map_err(|_| bad("a metadata hash is 32 bytes (0x + 64 hex digits)"))
}

/// `dengji cert issue`: submits signatures made offline, after checking them; with
/// `metadata_hash`, the transaction enables `CheckMetadataHash` once the runtime's own metadata
/// hash is checked to be that one (issue 11 §5).
pub async fn issue(
	tx: &Tx,
	code: &CodeArg,
	(signature, sm2_signature): (Ed25519Signature, Option<Sm2Signature>),
	metadata_hash: Option<[u8; 32]>,
	ctx: Ctx,
) -> Result<TxReport> {
	let (code, chain) = code.resolve()?;
	let signer = tx.signer()?;
	let mut client = connect(&tx.node.url, ctx).await?;
	super::check_chain(chain, client.reader().genesis_hash())?;
	if let Some(expected) = metadata_hash {
		let actual = client.metadata_hash().await?;
		if actual != expected {
			return Err(CliError::usage(
				"元数据哈希不符",
				format_args!(
					"--metadata-hash {} is not the runtime's metadata hash {} (was the runtime \
					 upgraded since `dengji cert payload`?)",
					to_hex(&expected),
					to_hex(&actual)
				),
			));
		}
		client = client.with_metadata_hash(true);
	}
	let pb = ctx.spinner(format!(
		"checking the signature{} of {code}, issuing it and waiting for finality…",
		if sm2_signature.is_some() { "s" } else { "" }
	));
	let s = client.issue_signed(&code, signature, sm2_signature, &signer).await;
	pb.finish_and_clear();
	Ok(s?.into())
}

/// `dengji sign`: signs a certificate payload with an offline key.
#[derive(clap::Args, Debug)]
pub struct SignArgs {
	/// The key file: a polkadot.js JSON keystore of the ed25519 certificate key (password from
	/// `DENGJI_CERT_KEY_PASSWORD` or a prompt), or an SM2 key file (the JSON that `dengji --json
	/// key generate --scheme sm2` prints: `{"type":"sm2","public":"0x04…","secret":"0x…"}`).
	#[arg(long, value_name = "FILE", required_unless_present = "key")]
	pub key_file: Option<PathBuf>,
	/// Instead of a key file, a development secret URI of the ed25519 key (`//Alice//cert`);
	/// `--key-file` is used when both are given.
	#[arg(long, env = "DENGJI_CERT_KEY", hide_env_values = true)]
	pub key: Option<String>,
	/// The payload from `dengji cert payload`.
	pub payload: PathBuf,
	/// Write the signature (`0x` + 128 hex digits) to this file.
	#[arg(long, short = 'o')]
	pub output: Option<PathBuf>,
}

enum Key {
	Ed25519(CertificateKey),
	Sm2(Sm2Key),
}

#[derive(serde::Deserialize)]
struct Sm2File {
	r#type: String,
	public: String,
	secret: String,
}

fn load_key(args: &SignArgs) -> Result<Key> {
	let Some(path) = &args.key_file else {
		let suri = args.key.as_deref().unwrap_or_default();
		return CertificateKey::from_suri(suri)
			.map(Key::Ed25519)
			.map_err(|e| CliError::usage("证书密钥无效", format_args!("--key: {e}")));
	};
	let text = read_file("key file", path)?;
	if let Ok(f) = serde_json::from_slice::<Sm2File>(&text) {
		let bad = |why: &str| {
			CliError::usage("SM2 密钥文件无效", format_args!("{}: {why}", path.display()))
		};
		if f.r#type != "sm2" {
			return Err(bad("type is not sm2"));
		}
		let key = Sm2Key::from_suri(&f.secret).map_err(|e| bad(&e.to_string()))?;
		if to_hex(&key.public()) != f.public.to_ascii_lowercase() {
			return Err(bad("the secret does not give the public key the file names"));
		}
		return Ok(Key::Sm2(key));
	}
	let password = keyfile::password(path, keyfile::CERT_KEY_PASSWORD_ENV)?;
	keyfile::certificate_key(path, &password).map(Key::Ed25519)
}

/// `dengji sign`: offline.
pub fn sign(args: &SignArgs) -> Result<Signed> {
	let bytes = read_file("certificate payload", &args.payload)?;
	let payload = SignedPayload::parse(&bytes).map_err(|e| {
		CliError::usage(
			"待签名文件不是证书签名内容，拒绝签名",
			format_args!("{}: {e}; refusing to sign", args.payload.display()),
		)
	})?;
	let body = &payload.body;
	let (scheme, public, signature) = match load_key(args)? {
		Key::Ed25519(key) => {
			if key.public() != body.issuer_key {
				return Err(CliError::usage(
					"该密钥不是草稿载明的签发密钥",
					format_args!(
						"the key {} is not the draft's issuer key {}",
						to_hex(&key.public()),
						to_hex(&body.issuer_key)
					),
				));
			}
			let sig = key.sign(&bytes);
			debug_assert!(offline::check_ed25519(&key.public(), &bytes, &sig));
			("ed25519", key.public().to_vec(), sig)
		}
		Key::Sm2(key) => {
			let sig = key
				.sign(&bytes)
				.map_err(|e| CliError::usage("SM2 签名失败", format_args!("SM2 signature: {e}")))?;
			("sm2", key.public().to_vec(), sig)
		}
	};
	if let Some(out) = &args.output {
		write_file(out, format!("{}\n", to_hex(&signature)).as_bytes())?;
	}
	Ok(Signed {
		scheme,
		code: body.code.to_string(),
		issuer: body.issuer.to_string(),
		data_name: String::from_utf8_lossy(&body.data_name).into_owned(),
		genesis_hash: to_hex(&payload.genesis_hash),
		blake2_256: to_hex(&dengji_primitives::blake2_256(&bytes)),
		public: to_hex(&public),
		signature: to_hex(&signature),
		file: args.output.as_ref().map(|p| p.display().to_string()),
	})
}

/// A signature made offline.
#[derive(Serialize)]
pub struct Signed {
	/// `ed25519` or `sm2`.
	pub scheme: &'static str,
	/// The certificate signed.
	pub code: String,
	/// Its issuer.
	pub issuer: String,
	/// Its data name.
	pub data_name: String,
	/// The chain.
	pub genesis_hash: String,
	/// BLAKE2-256 of the payload signed.
	pub blake2_256: String,
	/// The key that signed.
	pub public: String,
	/// The signature, `0x…` (64 bytes).
	pub signature: String,
	/// Where it was written.
	pub file: Option<String>,
}

impl Outcome for Signed {}

impl fmt::Display for Signed {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"已签名 signed ({}) certificate {} of institution {} — \"{}\", chain {}, payload \
			 BLAKE2-256 {}\nkey {}\nsignature {}",
			self.scheme,
			self.code,
			self.issuer,
			self.data_name,
			self.genesis_hash,
			self.blake2_256,
			self.public,
			self.signature
		)?;
		if let Some(file) = &self.file {
			let flag = if self.scheme == "sm2" { "--sm2-signature" } else { "--signature" };
			write!(f, "\n下一步 next: dengji cert issue {} {flag} @{file}", self.code)?;
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::args::{Cli, Command};
	use clap::Parser;
	use dengji_client::offline::fixtures::certificate_body as body;
	use dengji_primitives::{CertificateCode, DivisionCode};

	fn sign_args(args: &[&str]) -> SignArgs {
		let cli = Cli::try_parse_from(["dengji", "sign"].iter().chain(args)).expect("parses");
		let Command::Sign(a) = cli.command else { panic!("sign") };
		a
	}

	#[test]
	fn an_air_gapped_key_file_signs_the_exported_payload_and_nothing_else() {
		// Issue 11 §5: ed25519 keystore and SM2 key file sign the payload; the signatures verify
		// as the chain checks them (DESIGN §7), and `cert issue` reads them back.
		let dir = tempfile::tempdir().unwrap();
		let seed = [42u8; 32];
		let key = CertificateKey::from_seed(seed);
		let mut secret = [0u8; 64];
		secret[..32].copy_from_slice(&seed);
		secret[32..].copy_from_slice(&key.public());
		let ks = keyfile::encrypt(
			keyfile::KeyType::Ed25519,
			&secret,
			&key.public(),
			"pw",
			[1; 32],
			[2; 24],
			"cert",
		);
		let ks_path = dir.path().join("cert.json");
		std::fs::write(&ks_path, ks).unwrap();
		let payload = body(key.public()).signing_payload(&[9; 32]);
		let body_path = dir.path().join("body.bin");
		std::fs::write(&body_path, &payload).unwrap();
		let sig_path = dir.path().join("sig.hex");
		std::env::set_var(keyfile::CERT_KEY_PASSWORD_ENV, "pw");
		let signed = sign(&sign_args(&[
			"--key-file",
			ks_path.to_str().unwrap(),
			body_path.to_str().unwrap(),
			"-o",
			sig_path.to_str().unwrap(),
		]))
		.unwrap();
		assert_eq!(signed.scheme, "ed25519");
		assert!(signed.to_string().contains("玉溪水质"), "the signer sees what it signs");
		let sig = signature(&format!("@{}", sig_path.display())).unwrap();
		assert!(offline::check_ed25519(&key.public(), &payload, &sig));
		assert_eq!(signature(&signed.signature).unwrap(), sig);

		// SM2: the key file is `dengji --json key generate --scheme sm2`'s output.
		let sm2 = Sm2Key::from_suri("//Alice//sm2").unwrap();
		let sm2_path = dir.path().join("sm2.json");
		std::fs::write(
			&sm2_path,
			serde_json::json!({"type": "sm2", "public": to_hex(&sm2.public()), "secret": to_hex(&sm2.secret())})
				.to_string(),
		)
		.unwrap();
		let signed = sign(&sign_args(&[
			"--key-file",
			sm2_path.to_str().unwrap(),
			body_path.to_str().unwrap(),
		]))
		.unwrap();
		assert_eq!(signed.scheme, "sm2");
		let sm2_sig = signature(&signed.signature).unwrap();
		assert_eq!(dengji_primitives::sm2::verify(&sm2.public(), &payload, &sm2_sig), Ok(()));

		// Another key than the draft's issuer key, or bytes that are not a payload: refused.
		let e = sign(&sign_args(&["--key", "//Bob//cert", body_path.to_str().unwrap()]))
			.err()
			.expect("wrong key refused");
		assert!(e.message().contains("not the draft's issuer key"), "{}", e.message());
		let junk = dir.path().join("junk.bin");
		std::fs::write(&junk, b"pay me 100 yuan").unwrap();
		let e =
			sign(&sign_args(&["--key-file", ks_path.to_str().unwrap(), junk.to_str().unwrap()]))
				.err()
				.expect("junk refused");
		assert!(e.message().contains("refusing to sign"), "{}", e.message());
	}

	#[test]
	fn cert_payload_and_issue_parse_their_arguments() {
		let code = CertificateCode::new(DivisionCode::new(530400).unwrap(), 2026, 1).unwrap();
		let code = code.to_string();
		let sig = format!("0x{}", "ab".repeat(64));
		let issue = |extra: &[&str]| {
			Cli::try_parse_from(
				["dengji", "cert", "issue", code.as_str(), "--suri", "//Alice"].iter().chain(extra),
			)
		};
		let cli = issue(&["--signature", &sig, "--sm2-signature", &sig]).expect("parses");
		let Command::Cert(crate::cmd::cert::CertCmd::Issue { signature, sm2_signature, .. }) =
			cli.command
		else {
			panic!("cert issue")
		};
		assert_eq!((signature, sm2_signature), ([0xab; 64], Some([0xab; 64])));
		let hash = format!("0x{}", "cd".repeat(32));
		let cli = issue(&["--signature", &sig, "--metadata-hash", &hash]).expect("parses");
		let Command::Cert(crate::cmd::cert::CertCmd::Issue { metadata_hash, .. }) = cli.command
		else {
			panic!("cert issue")
		};
		assert_eq!(metadata_hash, Some([0xcd; 32]), "issue 11 §5: --metadata-hash");
		assert!(issue(&["--signature", &sig, "--metadata-hash", "0xcd"]).is_err(), "32 bytes");
		assert!(issue(&["--signature", "0x00"]).is_err(), "64 bytes");
		assert!(issue(&[]).is_err(), "--signature is required");
		assert!(Cli::try_parse_from(["dengji", "cert", "payload", &code]).is_err(), "-o required");
		assert!(Cli::try_parse_from(["dengji", "cert", "payload", &code, "-o", "b"]).is_ok());
	}
}
