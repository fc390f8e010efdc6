//! The pallet's invariants, checked by `try_state` and by the tests.

use crate::{
	is_valid_encryption_key, is_valid_gateway_url, Config, EncryptionKeys, HospitalId,
	HospitalRegistrations, HospitalServices, Hospitals, Members, NextHospitalId, Pallet, Role,
	RoleOffers, ServiceAccounts,
};
use frame_support::{ensure, traits::Get};

impl<T: Config> Pallet<T> {
	/// Check the pallet's invariants.
	///
	/// - every affiliation names an existing hospital, and no account holds one twice;
	/// - no member record is empty;
	/// - every hospital's admin count matches its admins, and is at least one;
	/// - every hospital id is below `NextHospitalId`;
	/// - every published encryption key is valid;
	/// - every member has a provider reference; only patients name a registering hospital;
	/// - offers name existing hospitals and assignable roles; no hospital is over its quota;
	/// - published services name existing hospitals, valid URLs and keys, and service accounts
	///   that hold no role, have a provider reference and map back to that hospital (and only
	///   those are in `ServiceAccounts`).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextHospitalId::<T>::get();
		let mut admin_counts = alloc::collections::BTreeMap::<HospitalId, u32>::new();
		for (who, member) in Members::<T>::iter() {
			ensure!(!member.is_empty(), "empty member record");
			ensure!(
				frame_system::Pallet::<T>::providers(&who) >= 1,
				"member without a provider reference"
			);
			ensure!(member.patient || member.registered_by.is_none(), "registrar of a non-patient");
			for (i, a) in member.affiliations.iter().enumerate() {
				ensure!(
					Hospitals::<T>::contains_key(a.hospital),
					"affiliation to unknown hospital"
				);
				ensure!(a.role != Role::Patient, "patient stored as affiliation");
				ensure!(!member.affiliations[i + 1..].contains(a), "duplicate affiliation");
				if a.role == Role::HospitalAdmin {
					*admin_counts.entry(a.hospital).or_default() += 1;
				}
			}
		}
		for (id, info) in Hospitals::<T>::iter() {
			ensure!(id < next, "hospital id not below NextHospitalId");
			ensure!(info.admins >= 1, "hospital without admin");
			ensure!(
				admin_counts.get(&id).copied().unwrap_or(0) == info.admins,
				"hospital admin count mismatch"
			);
		}
		for (_, key) in EncryptionKeys::<T>::iter() {
			ensure!(is_valid_encryption_key(&key), "invalid stored encryption key");
		}
		for (_, hospital, role) in RoleOffers::<T>::iter() {
			ensure!(Hospitals::<T>::contains_key(hospital), "offer of an unknown hospital");
			ensure!(matches!(role, Role::Doctor | Role::Staff), "offer of an unassignable role");
		}
		for (_, r) in HospitalRegistrations::<T>::iter() {
			ensure!(r.count <= T::MaxRegistrationsPerWindow::get(), "registrations over quota");
		}
		let mut services = 0usize;
		for (hospital, info) in HospitalServices::<T>::iter() {
			services += 1;
			ensure!(Hospitals::<T>::contains_key(hospital), "services of an unknown hospital");
			ensure!(is_valid_gateway_url(&info.gateway), "invalid stored gateway URL");
			ensure!(
				info.emergency_key.as_ref().is_none_or(is_valid_encryption_key),
				"invalid stored emergency key"
			);
			ensure!(
				ServiceAccounts::<T>::get(&info.service_account) == Some(hospital),
				"service account not mapped to its hospital"
			);
			ensure!(
				!Members::<T>::contains_key(&info.service_account),
				"service account holds a role"
			);
			ensure!(
				frame_system::Pallet::<T>::providers(&info.service_account) >= 1,
				"service account without a provider reference"
			);
		}
		ensure!(ServiceAccounts::<T>::iter().count() == services, "stale service account");
		Ok(())
	}
}
