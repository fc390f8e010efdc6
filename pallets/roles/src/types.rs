//! Types stored by the roles pallet.

use crate::{Config, HospitalId, Role};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{BoundedVec, Get},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// A registered hospital.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxNameLength))]
#[codec(mel_bound())]
pub struct HospitalInfo<MaxNameLength: Get<u32>> {
	/// Display name (UTF-8 expected; not interpreted on chain).
	pub name: BoundedVec<u8, MaxNameLength>,
	/// Whether the hospital's affiliations currently grant roles.
	pub active: bool,
	/// How many accounts hold the HospitalAdmin role for this hospital (at least one).
	pub admins: u32,
}

/// The services a hospital publishes for clients and the other hospitals.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxUrlLength))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct HospitalServicesInfo<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxUrlLength: Get<u32>,
> {
	/// The public URL of the hospital's gateway (UTF-8, `https://` or `http://`).
	pub gateway: BoundedVec<u8, MaxUrlLength>,
	/// The account the hospital's storage daemon signs with.
	pub service_account: AccountId,
	/// The hospital's X25519 emergency encryption key, if it takes part in emergency access.
	pub emergency_key: Option<crate::EncryptionKey>,
}

/// A role held for a hospital.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct Affiliation {
	/// The hospital.
	pub hospital: HospitalId,
	/// Doctor, Staff or HospitalAdmin.
	pub role: Role,
	/// Suspended by the hospital's admin or the council: grants no role until reinstated.
	pub suspended: bool,
}

/// Everything the pallet knows about one account's roles.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxAffiliations))]
#[codec(mel_bound())]
pub struct MemberInfo<MaxAffiliations: Get<u32>> {
	/// Whether the account is a registered patient.
	pub patient: bool,
	/// The hospital that registered the patient, if the account is a patient.
	pub registered_by: Option<HospitalId>,
	/// Whether the account is suspended by the council (then it holds no role).
	pub suspended: bool,
	/// Hospital roles, without duplicates.
	pub affiliations: BoundedVec<Affiliation, MaxAffiliations>,
}

impl<M: Get<u32>> Default for MemberInfo<M> {
	fn default() -> Self {
		Self {
			patient: false,
			registered_by: None,
			suspended: false,
			affiliations: BoundedVec::default(),
		}
	}
}

impl<M: Get<u32>> MemberInfo<M> {
	pub(crate) fn holds(&self, hospital: HospitalId, role: Role) -> bool {
		self.affiliations.iter().any(|a| a.hospital == hospital && a.role == role)
	}

	/// Whether the account may act as `role` in `hospital`: not suspended, neither everywhere
	/// nor in that affiliation.
	pub(crate) fn acts_as(&self, hospital: HospitalId, role: Role) -> bool {
		!self.suspended
			&& self
				.affiliations
				.iter()
				.any(|a| a.hospital == hospital && a.role == role && !a.suspended)
	}

	pub(crate) fn is_empty(&self) -> bool {
		!self.patient && self.affiliations.is_empty()
	}
}

/// The member record type of a runtime.
pub type MemberOf<T> = MemberInfo<<T as Config>::MaxAffiliations>;
/// The hospital record type of a runtime.
pub type HospitalOf<T> = HospitalInfo<<T as Config>::MaxNameLength>;
/// The services record type of a runtime.
pub type ServicesOf<T> =
	HospitalServicesInfo<<T as frame_system::Config>::AccountId, <T as Config>::MaxUrlLength>;
/// A gateway URL as the runtime bounds it.
pub type UrlOf<T> = BoundedVec<u8, <T as Config>::MaxUrlLength>;
/// A hospital name as the runtime bounds it.
pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLength>;

/// Registrations a hospital made in its latest window.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Registrations<BlockNumber> {
	/// First block of the window.
	pub window_start: BlockNumber,
	/// Patients registered and roles assigned or offered in the window.
	pub count: u32,
}
