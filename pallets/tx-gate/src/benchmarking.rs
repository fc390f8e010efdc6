//! Benchmarks of the transaction gate's own work: admission, budget check, charge and refund.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::dispatch::{GetDispatchInfo, Pays};
use frame_system::RawOrigin;
use sp_runtime::traits::DispatchTransaction;

#[benchmarks(where
	T: Send + Sync,
	T::RuntimeCall: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo> + GetDispatchInfo,
	<T::RuntimeCall as Dispatchable>::RuntimeOrigin: AsSystemOriginSigner<T::AccountId> + Clone + From<RawOrigin<T::AccountId>>,
)]
mod benchmarks {
	use super::*;

	/// The worst case: an unprivileged account with a group (every lookup the policy does), a
	/// usage entry to update, a group entry to update, and a refund.
	#[benchmark]
	fn check_access() -> Result<(), BenchmarkError> {
		let (who, call) = T::BenchmarkHelper::account_and_call();
		let info = call.get_dispatch_info();
		let post_info =
			PostDispatchInfo { actual_weight: Some(Weight::zero()), pays_fee: Pays::Yes };
		let extension = CheckAccess::<T>::new();

		#[block]
		{
			extension
				.test_run(RawOrigin::Signed(who.clone()).into(), &call, &info, 100, 0, |_| {
					Ok(post_info)
				})
				.map_err(|_| BenchmarkError::Stop("refused by the gate"))?
				.map_err(|_| BenchmarkError::Stop("call failed"))?;
		}

		assert!(Pallet::<T>::usage(&who).length == 100);
		Ok(())
	}
}
