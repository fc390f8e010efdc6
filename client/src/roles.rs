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

/// What a hospital publishes for clients: its gateway, service account and emergency key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HospitalServices {
	/// The hospital.
	pub hospital: u32,
	/// Its gateway's URL.
	pub gateway: String,
	/// The account its storage daemon signs with.
	pub service_account: AccountId32,
	/// Its X25519 emergency encryption key, if any.
	pub emergency_key: Option<[u8; 32]>,
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

	/// The services `hospital` publishes, if any.
	pub async fn hospital_services(
		self,
		hospital: u32,
	) -> Result<Option<HospitalServices>, ChainError> {
		let info =
			self.chain.fetch(&runtime::storage().roles().hospital_services(), (hospital,)).await?;
		Ok(info.map(|info| HospitalServices {
			hospital,
			gateway: String::from_utf8_lossy(&info.gateway.0).into_owned(),
			service_account: info.service_account,
			emergency_key: info.emergency_key,
		}))
	}

	/// The services of every hospital that publishes them, by hospital id, active hospitals
	/// only.
	pub async fn all_hospital_services(self) -> Result<Vec<HospitalServices>, ChainError> {
		let next = self
			.chain
			.fetch(&runtime::storage().roles().next_hospital_id(), ())
			.await?
			.unwrap_or_default();
		let mut all = Vec::new();
		for hospital in 0..next {
			let active = self
				.chain
				.fetch(&runtime::storage().roles().hospitals(), (hospital,))
				.await?
				.is_some_and(|info| info.active);
			if !active {
				continue;
			}
			if let Some(services) = self.hospital_services(hospital).await? {
				all.push(services);
			}
		}
		Ok(all)
	}

	/// The hospitals `account` belongs to: those it works for, then the one that registered it
	/// as a patient.
	pub async fn hospitals_of(self, account: &AccountId32) -> Result<Vec<u32>, ChainError> {
		let member = self.chain.fetch(&runtime::storage().roles().members(), (*account,)).await?;
		let Some(member) = member else { return Ok(Vec::new()) };
		let mut hospitals: Vec<u32> = member.affiliations.0.iter().map(|a| a.hospital).collect();
		hospitals.extend(member.registered_by);
		hospitals.dedup();
		Ok(hospitals)
	}

	/// `admin` publishes `hospital`'s gateway URL, service account and emergency key.
	pub async fn set_hospital_services(
		self,
		admin: &Account,
		hospital: u32,
		gateway: &str,
		service_account: &AccountId32,
		emergency_key: Option<[u8; 32]>,
	) -> Result<Events, ChainError> {
		let call = runtime::transactions().roles().set_hospital_services(
			hospital,
			BoundedVec(gateway.as_bytes().to_vec()),
			*service_account,
			emergency_key,
		);
		self.chain.submit(&call, admin).await
	}
}
