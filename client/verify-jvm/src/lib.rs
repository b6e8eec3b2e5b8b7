//! # dengji-verify-jvm
//!
//! `dengji-verify` for banks' Java systems (issue 14 §1): the JNI natives behind
//! `cn.dengji.verify.Verifier` (Java sources in `java/`, built by `build.sh` with `javac` and `jar`
//! only). A bank checks a proof bundle it was handed against the trust root it keeps, at its own
//! clock, without trusting the node that built the bundle (docs/spec/requirements.md §5.11;
//! docs/spec/DESIGN.md §7–§8; YX-R §23, §30).
//!
//! ## Interface (Java)
//! - `Verifier.verify(byte[] bundle, String trustRootJson, long nowMillis[, long maxAgeMillis |
//!   Policy policy])` → `Verification` (verdict, code, block, set id, finalized time, certificate,
//!   issuer, the signature algorithms checked and the SM3 digest), or a
//!   checked `VerificationException` whose `getCheck()` names the failed check (the
//!   `dengji_verify::VerifyError` variant, e.g. `"BadPrecommitSignature"`, `"TooLarge"`).
//! - `Verifier.verifyJson(…)` → the document `dengji --json cert verify --bundle … --trust …`
//!   prints (the error document when a check fails), from `dengji_verify::report`: one
//!   serialisation for the browser, the JVM and the CLI.
//!
//! ## Bad input
//! `Policy` (`new Policy(maxAgeMillis, requireSm2)`, `Policy.defaults().requiringSm2()`) carries
//! `dengji_verify::Policy`: with `requireSm2` a certificate without SM2 co-signature fails
//! (check `Sm2SignatureMissing`); a present co-signature is always checked.
//!
//! A null array or string throws `NullPointerException` naming the argument; a bundle over
//! `MAX_BUNDLE_INPUT` or a trust root over `MAX_TRUST_ROOT_JSON` is refused from its length,
//! before it is copied (`VerificationException`, check `TooLarge`); a negative time throws
//! `IllegalArgumentException`. Rust panics are caught (`RuntimeException`): nothing unwinds into
//! the JVM. The natives keep no state, so any number of Java threads may call them at once.

use dengji_verify::report::{self as document, MAX_BUNDLE_INPUT, MAX_TRUST_ROOT_JSON};
use dengji_verify::{Policy, UnixTimeMs, Verdict, Verification, VerifyError};
use jni::{
	errors::{Error as JniError, Result as JniResult, ThrowRuntimeExAndDefault},
	jni_sig, jni_str,
	objects::{JByteArray, JClass, JObject, JString, JThrowable, JValue},
	refs::Reference as _,
	strings::{JNIStr, JNIString},
	sys::{jboolean, jlong},
	Env, EnvUnowned,
};
use serde_json::Value;

/// `Verifier.verifyJson0(byte[] bundle, String trustRootJson, long nowMillis, long maxAgeMillis,
/// boolean requireSm2)`.
#[no_mangle]
pub extern "system" fn Java_cn_dengji_verify_Verifier_verifyJson0<'local>(
	mut env: EnvUnowned<'local>,
	_class: JClass<'local>,
	bundle: JByteArray<'local>,
	trust: JString<'local>,
	now_millis: jlong,
	max_age_millis: jlong,
	require_sm2: jboolean,
) -> JString<'local> {
	env.with_env(|env| -> JniResult<JString<'local>> {
		let json = match read_args(env, &bundle, &trust, now_millis, max_age_millis, require_sm2)? {
			Args::Ok { bundle, trust, now, policy } => {
				document::verify_to_json(&bundle, &trust, now, &policy)
			}
			Args::Refused(e) => document::render(&document::error_json(&e)),
		};
		env.new_string(json)
	})
	.resolve::<ThrowRuntimeExAndDefault>()
}

/// `Verifier.verify0(byte[] bundle, String trustRootJson, long nowMillis, long maxAgeMillis,
/// boolean requireSm2)`:
/// a `Verification`, or throws `VerificationException`.
#[no_mangle]
pub extern "system" fn Java_cn_dengji_verify_Verifier_verify0<'local>(
	mut env: EnvUnowned<'local>,
	_class: JClass<'local>,
	bundle: JByteArray<'local>,
	trust: JString<'local>,
	now_millis: jlong,
	max_age_millis: jlong,
	require_sm2: jboolean,
) -> JObject<'local> {
	env.with_env(|env| -> JniResult<JObject<'local>> {
		let result = match read_args(env, &bundle, &trust, now_millis, max_age_millis, require_sm2)?
		{
			Args::Ok { bundle, trust, now, policy } => {
				document::verify_bytes(&bundle, &trust, now, &policy)
			}
			Args::Refused(e) => Err(e),
		};
		match result {
			Ok(v) => new_verification(env, &v),
			Err(e) => Err(throw_verification_exception(env, &e)),
		}
	})
	.resolve::<ThrowRuntimeExAndDefault>()
}

enum Args {
	Ok {
		bundle: Vec<u8>,
		trust: String,
		now: UnixTimeMs,
		policy: Policy,
	},
	/// An input over its limit, refused before it was copied.
	Refused(VerifyError),
}

/// Checks and copies the arguments: nulls and negative times throw; oversized inputs are
/// refused from their length alone.
fn read_args(
	env: &mut Env<'_>,
	bundle: &JByteArray<'_>,
	trust: &JString<'_>,
	now_millis: jlong,
	max_age_millis: jlong,
	require_sm2: jboolean,
) -> JniResult<Args> {
	if bundle.is_null() {
		return Err(throw(env, jni_str!("java/lang/NullPointerException"), "bundle is null"));
	}
	if trust.is_null() {
		return Err(throw(
			env,
			jni_str!("java/lang/NullPointerException"),
			"trustRootJson is null",
		));
	}
	let (Ok(now), Ok(max_age)) = (u64::try_from(now_millis), u64::try_from(max_age_millis)) else {
		return Err(throw(
			env,
			jni_str!("java/lang/IllegalArgumentException"),
			&format!(
				"nowMillis ({now_millis}) and maxAgeMillis ({max_age_millis}) must not be negative"
			),
		));
	};
	let bundle_len = bundle.len(env)?;
	if bundle_len > MAX_BUNDLE_INPUT {
		return Ok(Args::Refused(document::too_large(
			"proof bundle",
			bundle_len,
			MAX_BUNDLE_INPUT,
		)));
	}
	// UTF-16 units: each is at least one byte of UTF-8, so more units than the limit is too large.
	let trust_units = env.call_method(trust, jni_str!("length"), jni_sig!("()I"), &[])?.i()?;
	let trust_units = usize::try_from(trust_units).unwrap_or(0);
	if trust_units > MAX_TRUST_ROOT_JSON {
		return Ok(Args::Refused(document::too_large(
			"trust root JSON",
			trust_units,
			MAX_TRUST_ROOT_JSON,
		)));
	}
	Ok(Args::Ok {
		bundle: env.convert_byte_array(bundle)?,
		trust: trust.try_to_string(env)?,
		now: UnixTimeMs::from_millis(now),
		policy: Policy { max_age_ms: max_age, require_sm2 },
	})
}

/// Throws a new `class(message)`; returns the error to propagate (`JavaException` once thrown).
fn throw(env: &mut Env<'_>, class: &JNIStr, message: &str) -> JniError {
	match env.throw_new(class, JNIString::new(message)) {
		Ok(()) => JniError::JavaException,
		Err(e) => e,
	}
}

/// Throws `VerificationException(check, message)` for `e`.
fn throw_verification_exception(env: &mut Env<'_>, e: &VerifyError) -> JniError {
	let thrown = (|| -> JniResult<()> {
		let check = env.new_string(document::check_name(e))?;
		let message = env.new_string(e.to_string())?;
		let ex = env.new_object(
			jni_str!("cn/dengji/verify/VerificationException"),
			jni_sig!("(Ljava/lang/String;Ljava/lang/String;)V"),
			&[JValue::Object(&check), JValue::Object(&message)],
		)?;
		let ex = env.cast_local::<JThrowable>(ex)?;
		env.throw(ex)
	})();
	match thrown {
		Ok(()) => JniError::JavaException,
		Err(e) => e,
	}
}

/// A Java string, or null for `None`.
fn opt_string<'local>(env: &mut Env<'local>, s: Option<&str>) -> JniResult<JObject<'local>> {
	Ok(match s {
		Some(s) => env.new_string(s)?.into(),
		None => JObject::null(),
	})
}

fn long(x: u64) -> jlong {
	jlong::try_from(x).unwrap_or(jlong::MAX)
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
	v[key].as_str().unwrap_or_default()
}

fn u64_of(v: &Value, key: &str) -> u64 {
	v[key].as_u64().unwrap_or_default()
}

/// `new Verification(verdict, code, blockHash, blockNumber, setId, finalizedAt, verdictTime,
/// verdictDetail, certificate, issuer, json)`: `verdictTime` is `valid_until` (expired), the
/// status change's time (superseded, cancelled, revoked) or -1; `verdictDetail` the successor's
/// code, the cancellation reason or the revocation ground, or null.
fn new_verification<'local>(env: &mut Env<'local>, v: &Verification) -> JniResult<JObject<'local>> {
	let (time, detail): (Option<u64>, Option<String>) = match v.verdict {
		Verdict::Expired { valid_until } => (Some(valid_until), None),
		Verdict::Superseded { by, at } => (Some(at), Some(by.to_string())),
		Verdict::Cancelled { reason, at } => (Some(at), Some(format!("{reason:?}"))),
		Verdict::Revoked { ground, at } => (Some(at), Some(format!("{ground:?}"))),
		Verdict::Valid | Verdict::NotFound | Verdict::Stale { .. } => (None, None),
	};
	let doc = document::verification_json(v, false);
	let algorithms = v.algorithms.names().collect::<Vec<_>>().join(",");
	let certificate = match &doc["certificate"] {
		Value::Null => JObject::null(),
		c => new_certificate(env, c, &algorithms)?,
	};
	let issuer = match &doc["issuer"] {
		Value::Null => JObject::null(),
		i => new_issuer(env, i)?,
	};
	let verdict = env.new_string(document::verdict_name(&v.verdict))?;
	let code = env.new_string(v.code.to_string())?;
	let block_hash = env.new_string(document::to_hex(&v.block_hash))?;
	let detail = opt_string(env, detail.as_deref())?;
	let algorithms = env.new_string(algorithms)?;
	let sm3_digest = opt_string(env, v.sm3_digest.map(|d| document::to_hex(&d)).as_deref())?;
	let json = env.new_string(document::render(&doc))?;
	env.new_object(
		jni_str!("cn/dengji/verify/Verification"),
		jni_sig!("(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;JJJJLjava/lang/String;Lcn/dengji/verify/Certificate;Lcn/dengji/verify/Issuer;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)V"),
		&[
			JValue::Object(&verdict),
			JValue::Object(&code),
			JValue::Object(&block_hash),
			JValue::Long(jlong::from(v.block_number)),
			JValue::Long(long(v.set_id)),
			JValue::Long(long(v.finalized_at)),
			JValue::Long(time.map_or(-1, long)),
			JValue::Object(&detail),
			JValue::Object(&certificate),
			JValue::Object(&issuer),
			JValue::Object(&algorithms),
			JValue::Object(&sm3_digest),
			JValue::Object(&json),
		],
	)
}

/// `new Certificate(…)` from the document's `certificate` object (the same fields; the `sm2`
/// object's key, signature and SM3 digest, or nulls) and the algorithms checked (`"ed25519"`,
/// `"sm2-sm3"`, comma-separated; issue 14 §2).
fn new_certificate<'local>(
	env: &mut Env<'local>,
	c: &Value,
	algorithms: &str,
) -> JniResult<JObject<'local>> {
	let strings = ["code", "act", "object", "subject", "subject_name", "data_name"];
	let [code, act, object, subject, subject_name, data_name] =
		strings.map(|k| str_of(c, k).to_owned());
	let code = env.new_string(code)?;
	let act = env.new_string(act)?;
	let object = env.new_string(object)?;
	let subject = env.new_string(subject)?;
	let subject_name = env.new_string(subject_name)?;
	let data_name = env.new_string(data_name)?;
	let content_digest = env.new_string(str_of(c, "content_digest"))?;
	let issuer_key = env.new_string(str_of(c, "issuer_key"))?;
	let issued_on = env.new_string(str_of(c, "issued_on"))?;
	let previous = opt_string(env, c["previous"].as_str())?;
	// The status variant's name ("Valid", "Superseded", …); its details are the verdict's.
	let status = match &c["status"] {
		Value::String(s) => s.clone(),
		Value::Object(m) => m.keys().next().cloned().unwrap_or_default(),
		other => other.to_string(),
	};
	let status = env.new_string(status)?;
	let signature = env.new_string(str_of(c, "signature"))?;
	let sm2 = &c["sm2"];
	let sm2_key = opt_string(env, sm2["key"].as_str())?;
	let sm2_signature = opt_string(env, sm2["signature"].as_str())?;
	let sm3_digest = opt_string(env, sm2["sm3_digest"].as_str())?;
	let algorithms = env.new_string(algorithms)?;
	let issuer = i32::try_from(u64_of(c, "issuer")).unwrap_or(i32::MAX);
	env.new_object(
		jni_str!("cn/dengji/verify/Certificate"),
		jni_sig!("(Ljava/lang/String;JLjava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;Ljava/lang/String;JJLjava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)V"),
		&[
			JValue::Object(&code),
			JValue::Long(long(u64_of(c, "registration"))),
			JValue::Object(&act),
			JValue::Object(&object),
			JValue::Object(&subject),
			JValue::Object(&subject_name),
			JValue::Object(&data_name),
			JValue::Object(&content_digest),
			JValue::Int(issuer),
			JValue::Object(&issuer_key),
			JValue::Object(&issued_on),
			JValue::Long(long(u64_of(c, "issued_at"))),
			JValue::Long(long(u64_of(c, "valid_until"))),
			JValue::Object(&previous),
			JValue::Object(&status),
			JValue::Object(&signature),
			JValue::Object(&sm2_key),
			JValue::Object(&sm2_signature),
			JValue::Object(&sm3_digest),
			JValue::Object(&algorithms),
		],
	)
}

/// `new Issuer(division, name, status, signingKey, sm2Key)` from the document's `issuer` object
/// (`sm2Key` null when the institution has no SM2 key).
fn new_issuer<'local>(env: &mut Env<'local>, i: &Value) -> JniResult<JObject<'local>> {
	let name = env.new_string(str_of(i, "name"))?;
	let status = env.new_string(str_of(i, "status"))?;
	let key = env.new_string(str_of(i, "signing_key"))?;
	let sm2_key = opt_string(env, i["sm2_key"].as_str())?;
	let division = i32::try_from(u64_of(i, "division")).unwrap_or(i32::MAX);
	env.new_object(
		jni_str!("cn/dengji/verify/Issuer"),
		jni_sig!("(ILjava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)V"),
		&[
			JValue::Int(division),
			JValue::Object(&name),
			JValue::Object(&status),
			JValue::Object(&key),
			JValue::Object(&sm2_key),
		],
	)
}
