//! Per-signer nonces kept by the client (issue 15 §7: one operator account submitting many
//! transactions at once).
//!
//! The node's `system_accountNextIndex` counts only the transactions already in its pool, so
//! concurrent submissions that each ask it get the same nonce and all but one are refused ("The
//! priority of the transaction is too low"). [`Nonces`] asks the node once per account, then hands
//! out consecutive nonces itself. A nonce no pool ever accepted (the transaction was refused at
//! submission) goes back to a free list and is handed out first, so no gap stalls the later ones;
//! when another process used the account (the pool answers "outdated" or "priority too low" for a
//! transaction that was never accepted), [`Nonces::replace`] moves the next nonce up to the node's
//! count. An account's entry is forgotten once none of its submissions is in flight, so the next
//! burst starts again from the node's count.

use crate::signer::AccountId;
use std::{
	collections::{BTreeSet, HashMap},
	future::Future,
};

/// One account's state.
#[derive(Debug, Default)]
struct Account {
	/// The next nonce never handed out.
	next: u64,
	/// Nonces handed out, never used, and handed out again before `next`.
	free: BTreeSet<u64>,
	/// Submissions holding a nonce of this account.
	in_flight: u32,
}

/// The nonces of every account a client signs for.
#[derive(Debug, Default)]
pub(crate) struct Nonces {
	accounts: tokio::sync::Mutex<HashMap<AccountId, Account>>,
}

impl Nonces {
	/// A nonce for a new submission of `who`: the lowest free one, else the next one. `node`
	/// gives the node's count (`system_accountNextIndex`) and is called only when the account
	/// has nothing in flight.
	pub(crate) async fn reserve<F, Fut>(&self, who: AccountId, node: F) -> crate::Result<u64>
	where
		F: FnOnce() -> Fut,
		Fut: Future<Output = crate::Result<u64>>,
	{
		let mut accounts = self.accounts.lock().await;
		let account = match accounts.entry(who) {
			std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
			std::collections::hash_map::Entry::Vacant(e) => {
				let next = node().await?;
				e.insert(Account { next, ..Account::default() })
			}
		};
		account.in_flight = account.in_flight.saturating_add(1);
		Ok(account.free.pop_first().unwrap_or_else(|| {
			let n = account.next;
			account.next = n.saturating_add(1);
			n
		}))
	}

	/// A new nonce for a submission that already holds one which turned out to be taken by a
	/// transaction from elsewhere: the account's next nonce is first raised to `node` (the node's
	/// count), free nonces below it are dropped.
	pub(crate) async fn replace(&self, who: AccountId, node: u64) -> u64 {
		let mut accounts = self.accounts.lock().await;
		let account =
			accounts.entry(who).or_insert_with(|| Account { in_flight: 1, ..Default::default() });
		Self::raise(account, node);
		account.free.pop_first().unwrap_or_else(|| {
			let n = account.next;
			account.next = n.saturating_add(1);
			n
		})
	}

	fn raise(account: &mut Account, node: u64) {
		account.next = account.next.max(node);
		account.free.retain(|n| *n >= node);
	}

	/// A submission of `who` ended and its nonce is used (its transaction, or another one with
	/// this nonce, is or may still be included).
	pub(crate) async fn done(&self, who: AccountId) {
		self.end(who, None).await
	}

	/// A submission of `who` holding `nonce` ended and no pool ever accepted a transaction with
	/// it: the next submission takes it.
	pub(crate) async fn unused(&self, who: AccountId, nonce: u64) {
		self.end(who, Some(nonce)).await
	}

	async fn end(&self, who: AccountId, free: Option<u64>) {
		let mut accounts = self.accounts.lock().await;
		if let Some(account) = accounts.get_mut(&who) {
			if let Some(n) = free {
				if n < account.next {
					account.free.insert(n);
				}
			}
			account.in_flight = account.in_flight.saturating_sub(1);
			if account.in_flight == 0 {
				accounts.remove(&who);
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const WHO: AccountId = [1; 32];

	async fn reserve(n: &Nonces, node: u64) -> u64 {
		n.reserve(WHO, || async move { Ok(node) }).await.unwrap()
	}

	#[tokio::test]
	async fn concurrent_reservations_get_consecutive_nonces_from_the_node_count() {
		let n = Nonces::default();
		assert_eq!(reserve(&n, 5).await, 5);
		// The node still says 5 (the first is not in its pool yet): not asked again.
		assert_eq!(reserve(&n, 5).await, 6);
		assert_eq!(reserve(&n, 5).await, 7);
	}

	#[tokio::test]
	async fn an_unused_nonce_is_handed_out_again_first() {
		let n = Nonces::default();
		for _ in 0..3 {
			reserve(&n, 0).await;
		}
		n.unused(WHO, 1).await;
		assert_eq!(reserve(&n, 0).await, 1, "the gap at 1 is filled before 3");
		assert_eq!(reserve(&n, 0).await, 3);
	}

	#[tokio::test]
	async fn a_nonce_taken_elsewhere_is_replaced_above_the_node_count() {
		let n = Nonces::default();
		assert_eq!(reserve(&n, 0).await, 0);
		assert_eq!(reserve(&n, 0).await, 1);
		n.unused(WHO, 1).await;
		// Another process used nonces 0..=9: the free 1 is dropped, the next is 10.
		assert_eq!(n.replace(WHO, 10).await, 10);
		assert_eq!(reserve(&n, 0).await, 11);
	}

	#[tokio::test]
	async fn the_account_is_forgotten_when_nothing_is_in_flight() {
		let n = Nonces::default();
		assert_eq!(reserve(&n, 0).await, 0);
		assert_eq!(reserve(&n, 0).await, 1);
		n.done(WHO).await;
		n.done(WHO).await;
		assert_eq!(reserve(&n, 2).await, 2, "asks the node again");
	}
}
