//! # Roles
//!
//! Hospitals, the roles of the people who use MedChain, and their encryption keys.
//!
//! ## Overview
//!
//! MedChain is run by a consortium of hospitals. This pallet records
//! - which hospitals belong to the consortium (registered, renamed, deactivated and reactivated
//!   by [`Config::CouncilOrigin`], in the MedChain runtime a two-thirds supermajority of the
//!   hospital council);
//! - who holds which [`Role`]: a hospital's admins (appointed by the council) assign and revoke
//!   the Doctor and Staff roles inside their own hospital; staff and admins register patients,
//!   at most [`Config::MaxRegistrationsPerWindow`] per hospital per
//!   [`Config::RegistrationWindow`]. A role for an account that already holds one (a patient,
//!   or someone who works elsewhere) is only *offered*: the account takes it with
//!   [`accept_role`](Pallet::accept_role), so no admin reaches into another hospital's people;
//! - who is suspended: the council suspends an account everywhere (it then passes no role
//!   check until reinstated); a hospital's admin suspends only the account's doctor and staff
//!   roles in that hospital;
//! - every account's X25519 encryption public key, which clients use to wrap record keys for it;
//! - each hospital's **services**: the URL of its public gateway, the service account its storage
//!   daemon signs with (it anchors the hospital's read audit on chain) and its emergency
//!   encryption key, published and updated by the hospital's admins.
//!
//! Other pallets learn about roles only through [`RoleInspect`] (implemented by [`Pallet`]) or
//! the origin adapters [`EnsureRole`] ([`EnsureDoctor`], [`EnsurePatient`], [`EnsureStaff`],
//! [`EnsureHospitalAdmin`]); they never read this pallet's storage.
//!
//! An account's first role gives it a provider reference in `frame_system`, so it can submit
//! transactions on a chain without a token. The reference stays when the account loses its
//! roles: the account is never reaped, so its nonce never restarts and its old transactions
//! cannot be replayed after it is registered again.
//!
//! ## Terminology
//!
//! - **Hospital**: a consortium member, identified by a [`HospitalId`] assigned in order of
//!   registration. A deactivated hospital keeps its data, but its affiliations grant no role.
//! - **Affiliation**: a (hospital, role) pair held by an account, for the roles that belong to a
//!   hospital: Doctor, Staff and HospitalAdmin. A doctor may work for several hospitals; an
//!   account has at most [`Config::MaxAffiliations`] affiliations.
//! - **Patient**: a role that belongs to the person, not to a hospital. The hospital that
//!   registered the patient is named in the event only.
//! - **Suspension**: a flag on an account (set by the council: the account holds no role) or on
//!   an affiliation (set by the hospital's admin or the council: that affiliation grants no
//!   role).
//! - **Generation**: how many times an account lost a role. Other pallets record it with a
//!   consent so that a consent does not outlive the role it was given to.
//! - **Encryption key**: a 32-byte X25519 public key, validated on submission: keys of small
//!   order (such as all zeros) and points off the curve are refused.
//! - **Service account**: the account a hospital's storage daemon signs with. It belongs to one
//!   hospital only and holds no role (an account that holds one cannot become a service account,
//!   and a service account cannot be given one), so the daemon's key authorizes nothing but the
//!   daemon's own calls. Publishing it gives it the provider reference it needs to transact.
//!
//! ## Calls
//!
//! | call | origin |
//! |---|---|
//! | [`register_hospital`](Pallet::register_hospital) | council |
//! | [`rename_hospital`](Pallet::rename_hospital) | council |
//! | [`deactivate_hospital`](Pallet::deactivate_hospital) | council |
//! | [`reactivate_hospital`](Pallet::reactivate_hospital) | council |
//! | [`appoint_admin`](Pallet::appoint_admin) | council |
//! | [`dismiss_admin`](Pallet::dismiss_admin) | council |
//! | [`assign_role`](Pallet::assign_role) | an admin of the hospital |
//! | [`revoke_role`](Pallet::revoke_role) | an admin of the hospital |
//! | [`register_patient`](Pallet::register_patient) | staff or an admin of the hospital |
//! | [`suspend`](Pallet::suspend) | council |
//! | [`reinstate`](Pallet::reinstate) | council |
//! | [`set_encryption_key`](Pallet::set_encryption_key) | any signed account |
//! | [`accept_role`](Pallet::accept_role) | the account a role was offered to |
//! | [`suspend_affiliation`](Pallet::suspend_affiliation) | council, or an admin of the hospital |
//! | [`reinstate_affiliation`](Pallet::reinstate_affiliation) | council, or an admin of the hospital |
//! | [`set_hospital_services`](Pallet::set_hospital_services) | an admin of the hospital |
//!
//! Every call returns its actual weight when it fails: the declared weight without the writes
//! a failed call never makes.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::{string::String, vec::Vec};
use frame_support::{
	dispatch::DispatchResultWithPostInfo, pallet_prelude::*, traits::BuildGenesisConfig,
};
use frame_system::pallet_prelude::*;

pub use medchain_primitives::{
	is_valid_encryption_key, EncryptionKey, HospitalId, Role, RoleInspect,
};
pub use origins::*;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
mod origins;
#[cfg(test)]
mod tests;
// Not behind `try-runtime`: the runtime's tests check the invariants too.
mod try_state;
mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Origin that manages hospitals and their admins (the hospital council).
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Longest hospital name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;
		/// Most (hospital, role) affiliations one account may hold.
		#[pallet::constant]
		type MaxAffiliations: Get<u32>;
		/// Length of a registration window, in blocks. Must not be zero.
		#[pallet::constant]
		type RegistrationWindow: Get<BlockNumberFor<Self>>;
		/// Patients one hospital may register, plus roles it may assign or offer, per window.
		#[pallet::constant]
		type MaxRegistrationsPerWindow: Get<u32>;
		/// Longest gateway URL, in bytes.
		#[pallet::constant]
		type MaxUrlLength: Get<u32>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The id the next registered hospital gets.
	#[pallet::storage]
	pub type NextHospitalId<T> = StorageValue<_, HospitalId, ValueQuery>;

	/// Registered hospitals.
	#[pallet::storage]
	pub type Hospitals<T: Config> = StorageMap<_, Twox64Concat, HospitalId, HospitalOf<T>>;

	/// Accounts that hold, or held and were suspended with, at least one role.
	#[pallet::storage]
	pub type Members<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, MemberOf<T>>;

	/// Current X25519 encryption public key of each account that published one.
	#[pallet::storage]
	pub type EncryptionKeys<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, EncryptionKey>;

	/// How many times each account lost a role (see [`RoleInspect::generation`]).
	#[pallet::storage]
	pub type Generations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Registrations per hospital in its latest window.
	#[pallet::storage]
	pub type HospitalRegistrations<T: Config> =
		StorageMap<_, Twox64Concat, HospitalId, Registrations<BlockNumberFor<T>>, ValueQuery>;

	/// Roles offered to accounts that hold a role already: account, hospital → role.
	#[pallet::storage]
	pub type RoleOffers<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, HospitalId, Role>;

	/// Each hospital's published services: gateway URL, service account, emergency key.
	#[pallet::storage]
	pub type HospitalServices<T: Config> = StorageMap<_, Twox64Concat, HospitalId, ServicesOf<T>>;

	/// The hospital each service account serves (the reverse of [`HospitalServices`]).
	#[pallet::storage]
	pub type ServiceAccounts<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, HospitalId>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Hospitals with their first admins; ids are assigned in this order from 0.
		pub hospitals: Vec<(String, Vec<T::AccountId>)>,
		/// Doctors and staff: `(account, role, hospital)`.
		pub affiliations: Vec<(T::AccountId, Role, HospitalId)>,
		/// Registered patients.
		pub patients: Vec<T::AccountId>,
		/// Published encryption keys.
		pub encryption_keys: Vec<(T::AccountId, EncryptionKey)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (name, admins) in &self.hospitals {
				let name: NameOf<T> =
					name.as_bytes().to_vec().try_into().expect("hospital name too long");
				assert!(!name.is_empty(), "empty hospital name");
				assert!(!admins.is_empty(), "a hospital needs an admin");
				let id = NextHospitalId::<T>::get();
				Hospitals::<T>::insert(id, HospitalInfo { name, active: true, admins: 0 });
				NextHospitalId::<T>::put(id + 1);
				for admin in admins {
					Pallet::<T>::add_affiliation(admin, id, Role::HospitalAdmin)
						.expect("valid genesis admin");
				}
			}
			for (who, role, hospital) in &self.affiliations {
				assert!(matches!(role, Role::Doctor | Role::Staff), "genesis affiliation role");
				assert!(Hospitals::<T>::contains_key(hospital), "unknown genesis hospital");
				Pallet::<T>::add_affiliation(who, *hospital, *role)
					.expect("valid genesis affiliation");
			}
			for who in &self.patients {
				Pallet::<T>::add_patient(who, None).expect("valid genesis patient");
			}
			for (who, key) in &self.encryption_keys {
				assert!(is_valid_encryption_key(key), "invalid genesis encryption key");
				EncryptionKeys::<T>::insert(who, key);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A hospital joined the consortium with its first admin.
		HospitalRegistered { hospital: HospitalId, name: NameOf<T>, admin: T::AccountId },
		/// A hospital's display name changed.
		HospitalRenamed { hospital: HospitalId, name: NameOf<T> },
		/// A hospital's affiliations stopped granting roles.
		HospitalDeactivated { hospital: HospitalId },
		/// A deactivated hospital's affiliations grant roles again.
		HospitalReactivated { hospital: HospitalId },
		/// `account` received `role` (in or, for patients, through `hospital`).
		RoleAssigned { account: T::AccountId, role: Role, hospital: HospitalId },
		/// `account` lost `role` in `hospital`.
		RoleRevoked { account: T::AccountId, role: Role, hospital: HospitalId },
		/// `account` was suspended and holds no role until reinstated.
		AccountSuspended { account: T::AccountId },
		/// `account` was reinstated.
		AccountReinstated { account: T::AccountId },
		/// `account`, who holds a role already, was offered `role` in `hospital`.
		RoleOffered { account: T::AccountId, role: Role, hospital: HospitalId },
		/// `account`'s doctor and staff roles in `hospital` were suspended.
		AffiliationSuspended { account: T::AccountId, hospital: HospitalId },
		/// `account`'s doctor and staff roles in `hospital` were reinstated.
		AffiliationReinstated { account: T::AccountId, hospital: HospitalId },
		/// `account` published or rotated its X25519 encryption public key.
		EncryptionKeySet { account: T::AccountId, key: EncryptionKey },
		/// `hospital` published its services: its gateway's URL, its daemon's service account
		/// and its emergency encryption key, if any.
		HospitalServicesSet {
			hospital: HospitalId,
			gateway: UrlOf<T>,
			service_account: T::AccountId,
			emergency_key: Option<EncryptionKey>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The origin may not perform this action.
		NotAuthorized,
		/// The account holds this role already.
		AlreadyHasRole,
		/// The account does not hold this role.
		RoleNotHeld,
		/// No hospital has this id.
		UnknownHospital,
		/// The hospital is deactivated.
		HospitalInactive,
		/// The hospital is active already.
		HospitalAlreadyActive,
		/// This call cannot assign or revoke this role.
		RoleNotAssignable,
		/// The account holds `MaxAffiliations` hospital roles already.
		TooManyAffiliations,
		/// The hospital's last admin cannot be dismissed.
		LastAdmin,
		/// A hospital name must not be empty.
		EmptyName,
		/// The account is suspended already.
		AlreadySuspended,
		/// The account is not suspended.
		NotSuspended,
		/// The account holds no role.
		UnknownAccount,
		/// The key is not a usable X25519 public key (small order, or not on the curve).
		InvalidEncryptionKey,
		/// No hospital id is left.
		HospitalIdOverflow,
		/// The hospital registered `MaxRegistrationsPerWindow` accounts in this window already.
		RegistrationQuotaExhausted,
		/// No role was offered to the caller in this hospital.
		NoOffer,
		/// The account has an offer for a role in this hospital already.
		OfferPending,
		/// A gateway URL starts with `https://` or `http://` and has no spaces or control
		/// characters.
		InvalidGatewayUrl,
		/// A service account holds no role: this account holds one.
		ServiceAccountHasRole,
		/// The account is another hospital's service account.
		ServiceAccountInUse,
		/// The account is a hospital's service account, which holds no role.
		IsServiceAccount,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLength::get() > 0);
			assert!(T::MaxAffiliations::get() > 0);
			assert!(!T::RegistrationWindow::get().is_zero(), "RegistrationWindow must not be zero");
			assert!(T::MaxRegistrationsPerWindow::get() > 0);
			assert!(T::MaxUrlLength::get() >= 16, "MaxUrlLength too small for a URL");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a hospital with its first admin.
		///
		/// - Origin: [`Config::CouncilOrigin`].
		/// - `name`: display name, at most [`Config::MaxNameLength`] bytes, not empty.
		/// - `admin`: the hospital's first HospitalAdmin.
		///
		/// Emits [`Event::HospitalRegistered`].
		///
		/// Errors: [`Error::EmptyName`], [`Error::TooManyAffiliations`] (the admin holds too
		/// many hospital roles), [`Error::HospitalIdOverflow`], [`Error::IsServiceAccount`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_hospital())]
		pub fn register_hospital(
			origin: OriginFor<T>,
			name: NameOf<T>,
			admin: T::AccountId,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::register_hospital(), 3, || {
				T::CouncilOrigin::ensure_origin(origin)?;
				ensure!(!name.is_empty(), Error::<T>::EmptyName);
				let hospital = NextHospitalId::<T>::get();
				let next = hospital.checked_add(1).ok_or(Error::<T>::HospitalIdOverflow)?;
				Hospitals::<T>::insert(
					hospital,
					HospitalInfo { name: name.clone(), active: true, admins: 0 },
				);
				Self::add_affiliation(&admin, hospital, Role::HospitalAdmin)?;
				NextHospitalId::<T>::put(next);
				Self::deposit_event(Event::HospitalRegistered { hospital, name, admin });
				Ok(())
			})
		}

		/// Change a hospital's display name.
		///
		/// - Origin: [`Config::CouncilOrigin`].
		/// - `hospital`: the hospital.
		/// - `name`: the new name, not empty.
		///
		/// Emits [`Event::HospitalRenamed`].
		///
		/// Errors: [`Error::EmptyName`], [`Error::UnknownHospital`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::rename_hospital())]
		pub fn rename_hospital(
			origin: OriginFor<T>,
			hospital: HospitalId,
			name: NameOf<T>,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::rename_hospital(), 1, || {
				T::CouncilOrigin::ensure_origin(origin)?;
				ensure!(!name.is_empty(), Error::<T>::EmptyName);
				Hospitals::<T>::try_mutate(hospital, |info| -> DispatchResult {
					let info = info.as_mut().ok_or(Error::<T>::UnknownHospital)?;
					info.name = name.clone();
					Ok(())
				})?;
				Self::deposit_event(Event::HospitalRenamed { hospital, name });
				Ok(())
			})
		}

		/// Deactivate a hospital: its doctors, staff and admins lose those roles (patients keep
		/// theirs) until it is reactivated. Nothing is deleted.
		///
		/// - Origin: [`Config::CouncilOrigin`].
		/// - `hospital`: the hospital.
		///
		/// Emits [`Event::HospitalDeactivated`].
		///
		/// Errors: [`Error::UnknownHospital`], [`Error::HospitalInactive`] (already inactive).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::deactivate_hospital())]
		pub fn deactivate_hospital(
			origin: OriginFor<T>,
			hospital: HospitalId,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::deactivate_hospital(), 1, || {
				T::CouncilOrigin::ensure_origin(origin)?;
				Hospitals::<T>::try_mutate(hospital, |info| -> DispatchResult {
					let info = info.as_mut().ok_or(Error::<T>::UnknownHospital)?;
					ensure!(info.active, Error::<T>::HospitalInactive);
					info.active = false;
					Ok(())
				})?;
				Self::deposit_event(Event::HospitalDeactivated { hospital });
				Ok(())
			})
		}

		/// Reactivate a deactivated hospital.
		///
		/// - Origin: [`Config::CouncilOrigin`].
		/// - `hospital`: the hospital.
		///
		/// Emits [`Event::HospitalReactivated`].
		///
		/// Errors: [`Error::UnknownHospital`], [`Error::HospitalAlreadyActive`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reactivate_hospital())]
		pub fn reactivate_hospital(
			origin: OriginFor<T>,
			hospital: HospitalId,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::reactivate_hospital(), 1, || {
				T::CouncilOrigin::ensure_origin(origin)?;
				Hospitals::<T>::try_mutate(hospital, |info| -> DispatchResult {
					let info = info.as_mut().ok_or(Error::<T>::UnknownHospital)?;
					ensure!(!info.active, Error::<T>::HospitalAlreadyActive);
					info.active = true;
					Ok(())
				})?;
				Self::deposit_event(Event::HospitalReactivated { hospital });
				Ok(())
			})
		}

		/// Appoint an admin for a hospital.
		///
		/// - Origin: [`Config::CouncilOrigin`].
		/// - `hospital`: the hospital.
		/// - `account`: the new admin.
		///
		/// Emits [`Event::RoleAssigned`] with role HospitalAdmin.
		///
		/// Errors: [`Error::UnknownHospital`], [`Error::AlreadyHasRole`],
		/// [`Error::TooManyAffiliations`], [`Error::IsServiceAccount`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::appoint_admin())]
		pub fn appoint_admin(
			origin: OriginFor<T>,
			hospital: HospitalId,
			account: T::AccountId,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::appoint_admin(), 2, || {
				T::CouncilOrigin::ensure_origin(origin)?;
				ensure!(Hospitals::<T>::contains_key(hospital), Error::<T>::UnknownHospital);
				Self::add_affiliation(&account, hospital, Role::HospitalAdmin)?;
				Self::deposit_event(Event::RoleAssigned {
					account,
					role: Role::HospitalAdmin,
					hospital,
				});
				Ok(())
			})
		}

		/// Dismiss one of a hospital's admins. The last admin cannot be dismissed.
		///
		/// - Origin: [`Config::CouncilOrigin`].
		/// - `hospital`: the hospital.
		/// - `account`: the admin to dismiss.
		///
		/// Emits [`Event::RoleRevoked`] with role HospitalAdmin.
		///
		/// Errors: [`Error::UnknownHospital`], [`Error::RoleNotHeld`], [`Error::LastAdmin`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::dismiss_admin())]
		pub fn dismiss_admin(
			origin: OriginFor<T>,
			hospital: HospitalId,
			account: T::AccountId,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::dismiss_admin(), 2, || {
				T::CouncilOrigin::ensure_origin(origin)?;
				let info = Hospitals::<T>::get(hospital).ok_or(Error::<T>::UnknownHospital)?;
				let member = Members::<T>::get(&account).ok_or(Error::<T>::RoleNotHeld)?;
				ensure!(member.holds(hospital, Role::HospitalAdmin), Error::<T>::RoleNotHeld);
				ensure!(info.admins > 1, Error::<T>::LastAdmin);
				Self::remove_affiliation(&account, hospital, Role::HospitalAdmin)?;
				Self::deposit_event(Event::RoleRevoked {
					account,
					role: Role::HospitalAdmin,
					hospital,
				});
				Ok(())
			})
		}

		/// Give an account the Doctor or Staff role in the caller's hospital, or offer it.
		///
		/// An account that holds no role receives it at once. An account that holds a role
		/// already (a patient, or someone who works for another hospital) is only offered the
		/// role and takes it with [`Pallet::accept_role`]: an admin cannot reach into another
		/// hospital's people or turn a patient's relative into a doctor.
		///
		/// - Origin: signed by an admin of `hospital`.
		/// - `hospital`: the hospital; it must be active.
		/// - `account`: who receives the role.
		/// - `role`: [`Role::Doctor`] or [`Role::Staff`].
		///
		/// Counts towards the hospital's registrations of the window.
		///
		/// Emits [`Event::RoleAssigned`] or [`Event::RoleOffered`].
		///
		/// Errors: [`Error::RoleNotAssignable`], [`Error::UnknownHospital`],
		/// [`Error::HospitalInactive`], [`Error::NotAuthorized`], [`Error::AlreadyHasRole`],
		/// [`Error::TooManyAffiliations`], [`Error::OfferPending`],
		/// [`Error::RegistrationQuotaExhausted`], [`Error::IsServiceAccount`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::assign_role())]
		pub fn assign_role(
			origin: OriginFor<T>,
			hospital: HospitalId,
			account: T::AccountId,
			role: Role,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::assign_role(), 1, || {
				let caller = ensure_signed(origin)?;
				ensure!(matches!(role, Role::Doctor | Role::Staff), Error::<T>::RoleNotAssignable);
				Self::ensure_acts_for(&caller, hospital, &[Role::HospitalAdmin])?;
				match Members::<T>::get(&account) {
					None => {
						Self::count_registration(hospital)?;
						Self::add_affiliation(&account, hospital, role)?;
						Self::deposit_event(Event::RoleAssigned { account, role, hospital });
					},
					Some(member) => {
						ensure!(!member.holds(hospital, role), Error::<T>::AlreadyHasRole);
						ensure!(
							!RoleOffers::<T>::contains_key(&account, hospital),
							Error::<T>::OfferPending
						);
						ensure!(!member.affiliations.is_full(), Error::<T>::TooManyAffiliations);
						Self::count_registration(hospital)?;
						RoleOffers::<T>::insert(&account, hospital, role);
						Self::deposit_event(Event::RoleOffered { account, role, hospital });
					},
				}
				Ok(())
			})
		}

		/// Take the Doctor or Staff role in the caller's hospital away from an account.
		///
		/// - Origin: signed by an admin of `hospital`.
		/// - `hospital`: the hospital; it must be active.
		/// - `account`: who loses the role.
		/// - `role`: [`Role::Doctor`] or [`Role::Staff`].
		///
		/// Emits [`Event::RoleRevoked`].
		///
		/// Errors: [`Error::RoleNotAssignable`], [`Error::UnknownHospital`],
		/// [`Error::HospitalInactive`], [`Error::NotAuthorized`], [`Error::RoleNotHeld`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::revoke_role())]
		pub fn revoke_role(
			origin: OriginFor<T>,
			hospital: HospitalId,
			account: T::AccountId,
			role: Role,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::revoke_role(), 1, || {
				let caller = ensure_signed(origin)?;
				ensure!(matches!(role, Role::Doctor | Role::Staff), Error::<T>::RoleNotAssignable);
				Self::ensure_acts_for(&caller, hospital, &[Role::HospitalAdmin])?;
				Self::remove_affiliation(&account, hospital, role)?;
				Self::deposit_event(Event::RoleRevoked { account, role, hospital });
				Ok(())
			})
		}

		/// Register an account as a patient.
		///
		/// - Origin: signed by staff or an admin of `hospital`.
		/// - `hospital`: the registering hospital; it must be active.
		/// - `account`: the patient.
		///
		/// Emits [`Event::RoleAssigned`] with role Patient.
		///
		/// Counts towards the hospital's registrations of the window.
		///
		/// Errors: [`Error::UnknownHospital`], [`Error::HospitalInactive`],
		/// [`Error::NotAuthorized`], [`Error::AlreadyHasRole`],
		/// [`Error::RegistrationQuotaExhausted`], [`Error::IsServiceAccount`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::register_patient())]
		pub fn register_patient(
			origin: OriginFor<T>,
			hospital: HospitalId,
			account: T::AccountId,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::register_patient(), 1, || {
				let caller = ensure_signed(origin)?;
				Self::ensure_acts_for(&caller, hospital, &[Role::Staff, Role::HospitalAdmin])?;
				Self::count_registration(hospital)?;
				Self::add_patient(&account, Some(hospital))?;
				Self::deposit_event(Event::RoleAssigned { account, role: Role::Patient, hospital });
				Ok(())
			})
		}

		/// Suspend an account everywhere: it holds no role until reinstated.
		///
		/// - Origin: [`Config::CouncilOrigin`]. (A hospital's admin suspends only the roles held
		///   in its hospital, with [`Pallet::suspend_affiliation`].)
		/// - `account`: the account to suspend.
		///
		/// Emits [`Event::AccountSuspended`].
		///
		/// Errors: [`Error::UnknownAccount`], [`Error::AlreadySuspended`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(origin: OriginFor<T>, account: T::AccountId) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::suspend(), 1, || {
				T::CouncilOrigin::ensure_origin(origin)?;
				Self::set_suspended(&account, true)?;
				Self::deposit_event(Event::AccountSuspended { account });
				Ok(())
			})
		}

		/// Lift an account's suspension.
		///
		/// - Origin: [`Config::CouncilOrigin`].
		/// - `account`: the suspended account.
		///
		/// Emits [`Event::AccountReinstated`].
		///
		/// Errors: [`Error::UnknownAccount`], [`Error::NotSuspended`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(
			origin: OriginFor<T>,
			account: T::AccountId,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::reinstate(), 1, || {
				T::CouncilOrigin::ensure_origin(origin)?;
				Self::set_suspended(&account, false)?;
				Self::deposit_event(Event::AccountReinstated { account });
				Ok(())
			})
		}

		/// Publish or rotate the caller's X25519 encryption public key. Only the current key
		/// is kept.
		///
		/// - Origin: signed.
		/// - `key`: the 32-byte X25519 public key.
		///
		/// Emits [`Event::EncryptionKeySet`].
		///
		/// Errors: [`Error::InvalidEncryptionKey`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_encryption_key())]
		pub fn set_encryption_key(
			origin: OriginFor<T>,
			key: EncryptionKey,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::set_encryption_key(), 1, || {
				let account = ensure_signed(origin)?;
				ensure!(is_valid_encryption_key(&key), Error::<T>::InvalidEncryptionKey);
				EncryptionKeys::<T>::insert(&account, key);
				Self::deposit_event(Event::EncryptionKeySet { account, key });
				Ok(())
			})
		}

		/// Take a role a hospital's admin offered to the caller.
		///
		/// - Origin: signed by the account the role was offered to.
		/// - `hospital`: the hospital that offered it; it must be active.
		///
		/// Emits [`Event::RoleAssigned`].
		///
		/// Errors: [`Error::NoOffer`], [`Error::UnknownHospital`], [`Error::HospitalInactive`],
		/// [`Error::AlreadyHasRole`], [`Error::TooManyAffiliations`].
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::accept_role())]
		pub fn accept_role(
			origin: OriginFor<T>,
			hospital: HospitalId,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::accept_role(), 2, || {
				let account = ensure_signed(origin)?;
				let role = RoleOffers::<T>::take(&account, hospital).ok_or(Error::<T>::NoOffer)?;
				let info = Hospitals::<T>::get(hospital).ok_or(Error::<T>::UnknownHospital)?;
				ensure!(info.active, Error::<T>::HospitalInactive);
				Self::add_affiliation(&account, hospital, role)?;
				Self::deposit_event(Event::RoleAssigned { account, role, hospital });
				Ok(())
			})
		}

		/// Suspend an account's doctor and staff roles in one hospital.
		///
		/// - Origin: [`Config::CouncilOrigin`], or signed by an admin of the active `hospital`.
		/// - `hospital`: the hospital.
		/// - `account`: a doctor or staff member of `hospital`.
		///
		/// The account's other roles (elsewhere, or as a patient) are not touched.
		///
		/// Emits [`Event::AffiliationSuspended`].
		///
		/// Errors: [`Error::UnknownHospital`], [`Error::HospitalInactive`],
		/// [`Error::NotAuthorized`], [`Error::RoleNotHeld`], [`Error::AlreadySuspended`].
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::suspend_affiliation())]
		pub fn suspend_affiliation(
			origin: OriginFor<T>,
			hospital: HospitalId,
			account: T::AccountId,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::suspend_affiliation(), 1, || {
				Self::ensure_council_or_admin(origin, hospital)?;
				Self::set_affiliation_suspended(&account, hospital, true)?;
				Self::deposit_event(Event::AffiliationSuspended { account, hospital });
				Ok(())
			})
		}

		/// Reinstate an account's doctor and staff roles in one hospital.
		///
		/// - Origin: as for [`Pallet::suspend_affiliation`].
		/// - `hospital`, `account`: the suspended affiliation.
		///
		/// Emits [`Event::AffiliationReinstated`].
		///
		/// Errors: [`Error::UnknownHospital`], [`Error::HospitalInactive`],
		/// [`Error::NotAuthorized`], [`Error::RoleNotHeld`], [`Error::NotSuspended`].
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::reinstate_affiliation())]
		pub fn reinstate_affiliation(
			origin: OriginFor<T>,
			hospital: HospitalId,
			account: T::AccountId,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::reinstate_affiliation(), 1, || {
				Self::ensure_council_or_admin(origin, hospital)?;
				Self::set_affiliation_suspended(&account, hospital, false)?;
				Self::deposit_event(Event::AffiliationReinstated { account, hospital });
				Ok(())
			})
		}

		/// Publish or update a hospital's services.
		///
		/// - Origin: signed by an admin of the active `hospital`.
		/// - `hospital`: the hospital.
		/// - `gateway`: the public URL of its storage daemon's gateway (`https://…`, or `http://…`
		///   on a test network), at most [`Config::MaxUrlLength`] bytes.
		/// - `service_account`: the account its storage daemon signs with. It may not hold a
		///   role nor serve another hospital; the hospital's previous service account, if
		///   different, stops serving it.
		/// - `emergency_key`: the hospital's X25519 emergency encryption key, if it takes part in
		///   emergency access.
		///
		/// Emits [`Event::HospitalServicesSet`].
		///
		/// Errors: [`Error::UnknownHospital`], [`Error::HospitalInactive`],
		/// [`Error::NotAuthorized`], [`Error::InvalidGatewayUrl`],
		/// [`Error::ServiceAccountHasRole`], [`Error::ServiceAccountInUse`],
		/// [`Error::InvalidEncryptionKey`].
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::set_hospital_services())]
		pub fn set_hospital_services(
			origin: OriginFor<T>,
			hospital: HospitalId,
			gateway: UrlOf<T>,
			service_account: T::AccountId,
			emergency_key: Option<EncryptionKey>,
		) -> DispatchResultWithPostInfo {
			Self::failing_cheaply(T::WeightInfo::set_hospital_services(), 4, || {
				let caller = ensure_signed(origin)?;
				Self::ensure_acts_for(&caller, hospital, &[Role::HospitalAdmin])?;
				ensure!(is_valid_gateway_url(&gateway), Error::<T>::InvalidGatewayUrl);
				ensure!(
					!Members::<T>::contains_key(&service_account),
					Error::<T>::ServiceAccountHasRole
				);
				if let Some(serves) = ServiceAccounts::<T>::get(&service_account) {
					ensure!(serves == hospital, Error::<T>::ServiceAccountInUse);
				}
				if let Some(key) = &emergency_key {
					ensure!(is_valid_encryption_key(key), Error::<T>::InvalidEncryptionKey);
				}
				if let Some(previous) = HospitalServices::<T>::get(hospital) {
					if previous.service_account != service_account {
						ServiceAccounts::<T>::remove(&previous.service_account);
					}
				}
				Self::keep_account(&service_account);
				ServiceAccounts::<T>::insert(&service_account, hospital);
				HospitalServices::<T>::insert(
					hospital,
					HospitalServicesInfo {
						gateway: gateway.clone(),
						service_account: service_account.clone(),
						emergency_key,
					},
				);
				Self::deposit_event(Event::HospitalServicesSet {
					hospital,
					gateway,
					service_account,
					emergency_key,
				});
				Ok(())
			})
		}
	}
}

/// Whether `url` can be published as a gateway URL: `https://` or `http://` followed by at least
/// one character, and no spaces or control characters.
pub fn is_valid_gateway_url(url: &[u8]) -> bool {
	let rest = url.strip_prefix(b"https://").or_else(|| url.strip_prefix(b"http://"));
	rest.is_some_and(|rest| !rest.is_empty()) && url.iter().all(|b| b.is_ascii_graphic())
}

impl<T: Config> Pallet<T> {
	/// Whether `member` holds `role`, with suspension and hospital status applied.
	fn member_has_role(member: &MemberOf<T>, role: Role) -> bool {
		if member.suspended {
			return false;
		}
		match role {
			Role::Patient => member.patient,
			_ => member
				.affiliations
				.iter()
				.any(|a| a.role == role && !a.suspended && Self::is_active(a.hospital)),
		}
	}

	fn is_active(hospital: HospitalId) -> bool {
		Hospitals::<T>::get(hospital).is_some_and(|h| h.active)
	}

	/// Run a call's body; on failure report the declared weight without its writes.
	fn failing_cheaply(
		declared: Weight,
		writes: u64,
		body: impl FnOnce() -> DispatchResult,
	) -> DispatchResultWithPostInfo {
		medchain_primitives::failing_cheaply(declared, writes, T::DbWeight::get(), body)
	}

	/// Check that `caller` holds one of `roles` in the active `hospital`, unsuspended.
	fn ensure_acts_for(
		caller: &T::AccountId,
		hospital: HospitalId,
		roles: &[Role],
	) -> DispatchResult {
		let info = Hospitals::<T>::get(hospital).ok_or(Error::<T>::UnknownHospital)?;
		ensure!(info.active, Error::<T>::HospitalInactive);
		let member = Members::<T>::get(caller).ok_or(Error::<T>::NotAuthorized)?;
		ensure!(roles.iter().any(|r| member.acts_as(hospital, *r)), Error::<T>::NotAuthorized);
		Ok(())
	}

	/// Check that `origin` is the council or an admin of the active `hospital`.
	fn ensure_council_or_admin(origin: OriginFor<T>, hospital: HospitalId) -> DispatchResult {
		if let Err(origin) = T::CouncilOrigin::try_origin(origin) {
			let caller = ensure_signed(origin)?;
			Self::ensure_acts_for(&caller, hospital, &[Role::HospitalAdmin])?;
		} else {
			ensure!(Hospitals::<T>::contains_key(hospital), Error::<T>::UnknownHospital);
		}
		Ok(())
	}

	/// Set or lift the council's suspension of `account`.
	fn set_suspended(account: &T::AccountId, suspend: bool) -> DispatchResult {
		let mut member = Members::<T>::get(account).ok_or(Error::<T>::UnknownAccount)?;
		if suspend {
			ensure!(!member.suspended, Error::<T>::AlreadySuspended);
		} else {
			ensure!(member.suspended, Error::<T>::NotSuspended);
		}
		member.suspended = suspend;
		Members::<T>::insert(account, member);
		Ok(())
	}

	/// Set or lift the suspension of `account`'s doctor and staff affiliations in `hospital`.
	fn set_affiliation_suspended(
		account: &T::AccountId,
		hospital: HospitalId,
		suspend: bool,
	) -> DispatchResult {
		let mut member = Members::<T>::get(account).ok_or(Error::<T>::RoleNotHeld)?;
		let mut found = false;
		let mut changed = false;
		for a in member.affiliations.iter_mut() {
			if a.hospital == hospital && matches!(a.role, Role::Doctor | Role::Staff) {
				found = true;
				changed |= a.suspended != suspend;
				a.suspended = suspend;
			}
		}
		ensure!(found, Error::<T>::RoleNotHeld);
		ensure!(
			changed,
			if suspend { Error::<T>::AlreadySuspended } else { Error::<T>::NotSuspended }
		);
		Members::<T>::insert(account, member);
		Ok(())
	}

	/// Count one registration (patient, or role assigned or offered) of `hospital` in the
	/// current window.
	fn count_registration(hospital: HospitalId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let window_start = now - now % T::RegistrationWindow::get();
		HospitalRegistrations::<T>::try_mutate(hospital, |r| {
			if r.window_start != window_start {
				*r = Registrations { window_start, count: 0 };
			}
			ensure!(
				r.count < T::MaxRegistrationsPerWindow::get(),
				Error::<T>::RegistrationQuotaExhausted
			);
			r.count += 1;
			Ok(())
		})
	}

	/// Store a member record. An account's first role ever takes a provider reference that it
	/// keeps for good (its `Generations` entry marks it): the account is never reaped, so its
	/// nonce never restarts and none of its old transactions can be replayed.
	fn put_member(who: &T::AccountId, existed: bool, member: MemberOf<T>) {
		if !existed {
			Self::keep_account(who);
		}
		Members::<T>::insert(who, member);
	}

	/// Give `who` a provider reference for good, the first time it takes a role or becomes a
	/// service account (its `Generations` entry marks it).
	fn keep_account(who: &T::AccountId) {
		if !Generations::<T>::contains_key(who) {
			frame_system::Pallet::<T>::inc_providers(who);
			Generations::<T>::insert(who, 0);
		}
	}

	fn add_affiliation(who: &T::AccountId, hospital: HospitalId, role: Role) -> DispatchResult {
		ensure!(!ServiceAccounts::<T>::contains_key(who), Error::<T>::IsServiceAccount);
		let existing = Members::<T>::get(who);
		let existed = existing.is_some();
		let mut member = existing.unwrap_or_default();
		ensure!(!member.holds(hospital, role), Error::<T>::AlreadyHasRole);
		member
			.affiliations
			.try_push(Affiliation { hospital, role, suspended: false })
			.map_err(|_| Error::<T>::TooManyAffiliations)?;
		if role == Role::HospitalAdmin {
			Hospitals::<T>::try_mutate(hospital, |info| -> DispatchResult {
				let info = info.as_mut().ok_or(Error::<T>::UnknownHospital)?;
				info.admins = info.admins.saturating_add(1);
				Ok(())
			})?;
		}
		Self::put_member(who, existed, member);
		Ok(())
	}

	fn remove_affiliation(who: &T::AccountId, hospital: HospitalId, role: Role) -> DispatchResult {
		let mut member = Members::<T>::get(who).ok_or(Error::<T>::RoleNotHeld)?;
		let index = member
			.affiliations
			.iter()
			.position(|a| a.hospital == hospital && a.role == role)
			.ok_or(Error::<T>::RoleNotHeld)?;
		member.affiliations.remove(index);
		// Consents given to the account while it held the role stop authorizing.
		Generations::<T>::mutate(who, |g| *g = g.wrapping_add(1));
		if member.is_empty() {
			Members::<T>::remove(who);
		} else {
			Members::<T>::insert(who, member);
		}
		if role == Role::HospitalAdmin {
			Hospitals::<T>::mutate(hospital, |info| {
				if let Some(info) = info {
					info.admins = info.admins.saturating_sub(1);
				}
			});
		}
		Ok(())
	}

	fn add_patient(who: &T::AccountId, registered_by: Option<HospitalId>) -> DispatchResult {
		ensure!(!ServiceAccounts::<T>::contains_key(who), Error::<T>::IsServiceAccount);
		let existing = Members::<T>::get(who);
		let existed = existing.is_some();
		let mut member = existing.unwrap_or_default();
		ensure!(!member.patient, Error::<T>::AlreadyHasRole);
		member.patient = true;
		member.registered_by = registered_by;
		Self::put_member(who, existed, member);
		Ok(())
	}
}

impl<T: Config> RoleInspect<T::AccountId> for Pallet<T> {
	fn has_role(who: &T::AccountId, role: Role) -> bool {
		Members::<T>::get(who).is_some_and(|m| Self::member_has_role(&m, role))
	}

	fn is_registered(who: &T::AccountId) -> bool {
		Members::<T>::get(who).is_some_and(|m| {
			[Role::Patient, Role::Doctor, Role::Staff, Role::HospitalAdmin]
				.into_iter()
				.any(|r| Self::member_has_role(&m, r))
		})
	}

	fn encryption_key(who: &T::AccountId) -> Option<EncryptionKey> {
		EncryptionKeys::<T>::get(who)
	}

	fn generation(who: &T::AccountId) -> u32 {
		Generations::<T>::get(who)
	}

	fn home_hospital(who: &T::AccountId) -> Option<HospitalId> {
		let member = Members::<T>::get(who)?;
		if member.suspended {
			return None;
		}
		member.registered_by.filter(|_| member.patient).or_else(|| {
			member
				.affiliations
				.iter()
				.find(|a| !a.suspended && Self::is_active(a.hospital))
				.map(|a| a.hospital)
		})
	}

	fn service_hospital(who: &T::AccountId) -> Option<HospitalId> {
		ServiceAccounts::<T>::get(who).filter(|hospital| Self::is_active(*hospital))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(who: &T::AccountId, role: Role) {
		if role == Role::Patient {
			let _ = Self::add_patient(who, None);
			return;
		}
		let hospital = benchmarking::ensure_hospital::<T>();
		let _ = Self::add_affiliation(who, hospital, role);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_service_account(who: &T::AccountId) -> HospitalId {
		let hospital = benchmarking::ensure_hospital::<T>();
		Self::keep_account(who);
		ServiceAccounts::<T>::insert(who, hospital);
		HospitalServices::<T>::insert(
			hospital,
			HospitalServicesInfo {
				gateway: b"https://gateway.example".to_vec().try_into().expect("short URL"),
				service_account: who.clone(),
				emergency_key: None,
			},
		);
		hospital
	}
}

impl<T: Config> frame_support::traits::Contains<T::AccountId> for Pallet<T> {
	fn contains(who: &T::AccountId) -> bool {
		<Self as RoleInspect<T::AccountId>>::is_registered(who)
	}
}
