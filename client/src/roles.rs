//! Hospitals, roles, patients and encryption keys, as the [`Roles`] view of a [`Chain`]
//! (`chain.roles()`). Registering a hospital is a council motion: [`Roles::register_hospital_call`]
//! builds the call for [`crate::council::Council::motion`].

use crate::{
	chain::{runtime, runtime::runtime_types, Chain, ChainError, Events, RuntimeCall},
	keys::Account,
};
use runtime_types::bounded_collections::bounded_vec::BoundedVec;
use subxt::utils::AccountId32;

/// A role an account can hold.
pub use runtime_types::medchain_primitives::Role;

/// What became of a role assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assignment {
	/// The account holds the role now.
	Assigned,
	/// The account already belongs to MedChain: it was offered the role and takes it with
	/// [`Roles::accept_role`].
	Offered,
}

/// Roles of one chain.
#[derive(Clone, Copy)]
pub struct Roles<'a> {
	chain: &'a Chain,
}

impl<'a> Roles<'a> {
	pub(crate) fn new(chain: &'a Chain) -> Self {
		Self { chain }
	}

	/// The X25519 encryption key `account` published, if any.
	pub async fn encryption_key(
		self,
		account: &AccountId32,
	) -> Result<Option<[u8; 32]>, ChainError> {
		self.chain.fetch(&runtime::storage().roles().encryption_keys(), (*account,)).await
	}

	/// `account` publishes its encryption key; returns the key.
	pub async fn publish_encryption_key(self, account: &Account) -> Result<[u8; 32], ChainError> {
		let key = account.encryption().public_key();
		let call = runtime::transactions().roles().set_encryption_key(key);
		self.chain.submit(&call, account).await?;
		Ok(key)
	}

	/// The council call that registers the hospital `name` with its first admin `admin`.
	pub fn register_hospital_call(name: &str, admin: AccountId32) -> RuntimeCall {
		RuntimeCall::Roles(runtime_types::pallet_roles::pallet::Call::register_hospital {
			name: BoundedVec(name.as_bytes().to_vec()),
			admin,
		})
	}

	/// The id of the hospital the transaction with `events` registered.
	pub fn registered_hospital(events: &Events) -> Result<u32, ChainError> {
		events
			.find_first::<runtime::roles::events::HospitalRegistered>()
			.ok_or_else(|| ChainError::other("the chain did not report the hospital"))?
			.map(|registered| registered.hospital)
			.map_err(ChainError::other)
	}

	/// `admin` gives `account` the doctor or staff `role` at `hospital`. An account that holds
	/// a role already is offered it instead.
	pub async fn assign_role(
		self,
		admin: &Account,
		hospital: u32,
		account: &AccountId32,
		role: Role,
	) -> Result<Assignment, ChainError> {
		let call = runtime::transactions().roles().assign_role(hospital, *account, role);
		let events = self.chain.submit(&call, admin).await?;
		Ok(match events.find_first::<runtime::roles::events::RoleOffered>() {
			Some(_) => Assignment::Offered,
			None => Assignment::Assigned,
		})
	}

	/// `admin` takes `role` at `hospital` back from `account`.
	pub async fn revoke_role(
		self,
		admin: &Account,
		hospital: u32,
		account: &AccountId32,
		role: Role,
	) -> Result<Events, ChainError> {
		let call = runtime::transactions().roles().revoke_role(hospital, *account, role);
		self.chain.submit(&call, admin).await
	}

	/// `account` takes the role `hospital` offered it.
	pub async fn accept_role(self, account: &Account, hospital: u32) -> Result<Events, ChainError> {
		self.chain.submit(&runtime::transactions().roles().accept_role(hospital), account).await
	}

	/// `admin` suspends `account`'s doctor and staff roles at `hospital`.
	pub async fn suspend_affiliation(
		self,
		admin: &Account,
		hospital: u32,
		account: &AccountId32,
	) -> Result<Events, ChainError> {
		let call = runtime::transactions().roles().suspend_affiliation(hospital, *account);
		self.chain.submit(&call, admin).await
	}

	/// `admin` lifts that suspension.
	pub async fn reinstate_affiliation(
		self,
		admin: &Account,
		hospital: u32,
		account: &AccountId32,
	) -> Result<Events, ChainError> {
		let call = runtime::transactions().roles().reinstate_affiliation(hospital, *account);
		self.chain.submit(&call, admin).await
	}

	/// `by` (staff or admin of `hospital`) registers `account` as a patient there.
	pub async fn register_patient(
		self,
		by: &Account,
		hospital: u32,
		account: &AccountId32,
	) -> Result<Events, ChainError> {
		let call = runtime::transactions().roles().register_patient(hospital, *account);
		self.chain.submit(&call, by).await
	}
}
