//! Keeps reading and submitting through a node restart, to show the client reconnecting by
//! itself: `cargo run -p dengji-client --example reconnect -- ws://127.0.0.1:9944 60`
//! (restart the node while it runs).

use dengji_client::{Arg, Call, Client, ConnectOptions, Signer};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
	let url = std::env::args().nth(1).unwrap_or_else(|| "ws://127.0.0.1:9944".into());
	let secs: u64 = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(60);
	let client = Client::connect_with(&url, ConnectOptions::default()).await?;
	let alice = Signer::from_suri("//Alice")?;
	let remark = Call::new("System", "remark", vec![Arg::scale(&b"ping".to_vec())]);
	let start = Instant::now();
	let (mut ok, mut failed) = (0u32, 0u32);
	while start.elapsed() < Duration::from_secs(secs) {
		let t = start.elapsed().as_secs();
		match client.reader().finalized_head().await {
			Ok(h) => println!("{t:>3}s head #{}", h.number),
			Err(e) => println!("{t:>3}s head error: {e}"),
		}
		match client.submit(&remark, &alice).await {
			Ok(s) => {
				ok += 1;
				println!("{t:>3}s remark finalized in #{}", s.block.number)
			}
			Err(e) => {
				failed += 1;
				println!("{t:>3}s remark error: {e}")
			}
		}
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
	println!("{ok} remarks finalized, {failed} failed");
	Ok(())
}
