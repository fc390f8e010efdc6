//! A fungible "currency" for a chain without a token.
//!
//! `pallet-session` asks for a currency to hold a deposit for session keys. MedChain has no
//! token, so the deposit is zero and [`NoDeposit`] answers zero for every balance. Holding zero
//! succeeds; holding anything more fails with `FundsUnavailable`, so a misconfigured non-zero
//! deposit cannot silently succeed.

use core::marker::PhantomData;
use frame_support::traits::tokens::{
	fungible::{self, Dust},
	DepositConsequence, Fortitude, Preservation, Provenance, WithdrawConsequence,
};
use scale_info::TypeInfo;
use sp_runtime::{DispatchError, DispatchResult, TokenError};

/// Zero-balance currency; `Reason` is the runtime's hold reason type.
pub struct NoDeposit<Reason>(PhantomData<Reason>);

impl<AccountId, Reason> fungible::Inspect<AccountId> for NoDeposit<Reason> {
	type Balance = u32;

	fn total_issuance() -> u32 {
		0
	}
	fn minimum_balance() -> u32 {
		0
	}
	fn total_balance(_: &AccountId) -> u32 {
		0
	}
	fn balance(_: &AccountId) -> u32 {
		0
	}
	fn reducible_balance(_: &AccountId, _: Preservation, _: Fortitude) -> u32 {
		0
	}
	fn can_deposit(_: &AccountId, amount: u32, _: Provenance) -> DepositConsequence {
		if amount == 0 {
			DepositConsequence::Success
		} else {
			DepositConsequence::UnknownAsset
		}
	}
	fn can_withdraw(_: &AccountId, amount: u32) -> WithdrawConsequence<u32> {
		if amount == 0 {
			WithdrawConsequence::Success
		} else {
			WithdrawConsequence::BalanceLow
		}
	}
}

impl<AccountId, Reason> fungible::Unbalanced<AccountId> for NoDeposit<Reason> {
	fn handle_dust(_: Dust<AccountId, Self>) {}
	fn write_balance(_: &AccountId, amount: u32) -> Result<Option<u32>, DispatchError> {
		if amount == 0 {
			Ok(None)
		} else {
			Err(TokenError::FundsUnavailable.into())
		}
	}
	fn set_total_issuance(_: u32) {}
}

impl<AccountId: Eq, Reason> fungible::Mutate<AccountId> for NoDeposit<Reason> {}

impl<AccountId, Reason: codec::Encode + TypeInfo + 'static> fungible::InspectHold<AccountId>
	for NoDeposit<Reason>
{
	type Reason = Reason;

	fn total_balance_on_hold(_: &AccountId) -> u32 {
		0
	}
	fn balance_on_hold(_: &Reason, _: &AccountId) -> u32 {
		0
	}
}

impl<AccountId, Reason: codec::Encode + TypeInfo + 'static> fungible::UnbalancedHold<AccountId>
	for NoDeposit<Reason>
{
	fn set_balance_on_hold(_: &Reason, _: &AccountId, amount: u32) -> DispatchResult {
		if amount == 0 {
			Ok(())
		} else {
			Err(TokenError::FundsUnavailable.into())
		}
	}
}

impl<AccountId: Eq, Reason: codec::Encode + TypeInfo + 'static> fungible::MutateHold<AccountId>
	for NoDeposit<Reason>
{
}
