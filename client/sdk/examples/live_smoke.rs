//! A smoke run of the SDK against a live node (`dengji-node --dev`): submission and
//! finality, a module error by name, a failed call inside `Sudo::sudo`, events, the trust root,
//! and online verification of a code through a proof bundle.
//!
//! `cargo run -p dengji-client --example live_smoke -- ws://127.0.0.1:9944`

use dengji_client::{roles, Arg, Call, CertificateCode, Client, Error, Policy, Signer, Verdict};
use std::time::Duration;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
	let url = std::env::args().nth(1).unwrap_or_else(|| "ws://127.0.0.1:9944".into());
	let client = Client::connect(&url).await?;
	println!("connected: {client:?}");
	let head = client.reader().wait_finalized_blocks(1, Duration::from_secs(60)).await?;
	println!("finalized head #{}", head.number);

	// A plain call, finalized, with its events.
	let alice = Signer::from_suri("//Alice")?;
	let remark = Call::new("System", "remark_with_event", vec![Arg::scale(&b"dengji".to_vec())]);
	let done = client.submit(&remark, &alice).await?;
	println!(
		"remark in #{}: {:?}",
		done.block.number,
		done.events.iter().map(|e| format!("{}.{}", e.pallet, e.name)).collect::<Vec<_>>()
	);
	assert!(done.event("System", "Remarked").is_some());

	// Concurrent submissions by one account get consecutive nonces.
	let (a, b) = tokio::join!(client.submit(&remark, &alice), client.submit(&remark, &alice));
	println!("two concurrent remarks in #{} and #{}", a?.block.number, b?.block.number);

	// A dispatch error names the module error.
	let bob = Signer::from_suri("//Bob")?;
	let inner = client.call_data(&remark).await?;
	match client.submit(&roles::authority::sudo(inner.clone()), &bob).await {
		Err(e @ Error::Dispatch { .. }) => println!("as expected: {e}"),
		Err(Error::Rejected(r)) => println!("as expected, refused at the pool: {r}"),
		other => panic!("non-sudo sudo: {other:?}"),
	}
	// Sudo with a failing inner call (set_code with garbage) reports the inner error.
	let bad =
		client.call_data(&Call::new("System", "set_code", vec![Arg::scale(&vec![0u8; 8])])).await?;
	match client.submit(&roles::authority::sudo(bad), &alice).await {
		Err(e @ Error::Dispatch { .. }) => println!("as expected: {e}"),
		other => println!("sudo(set_code(garbage)): {other:?}"),
	}

	// Trust root and online verification through a bundle.
	let trust = client.reader().trust_root().await?;
	println!("trust root: set {} with {} authorities", trust.set_id, trust.authorities.len());
	let code = CertificateCode::parse("530400-2026-0000123-6").map_err(|e| format!("{e:?}"))?;
	let v = client.reader().verify_online(&code, Some(&trust), &Policy::default(), None).await?;
	println!(
		"{code}: {:?} (block #{}, bundle {} bytes)",
		v.verification.verdict,
		v.verification.block_number,
		v.bundle.to_bytes().len()
	);
	assert!(matches!(v.verification.verdict, Verdict::NotFound | Verdict::Valid));
	let events = client.events_of(done.block.hash).await?;
	println!("{} events in #{}", events.len(), done.block.number);
	Ok(())
}
