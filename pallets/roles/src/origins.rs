//! Origin adapters: a signed origin whose account holds a role.

use crate::{Config, Pallet, Role, RoleInspect};
use core::marker::PhantomData;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::RawOrigin;

/// Succeeds for a signed origin whose account currently holds the role `R`, and returns that
/// account.
pub struct EnsureRole<T, R>(PhantomData<(T, R)>);

impl<T: Config, R: Get<Role>> EnsureOrigin<T::RuntimeOrigin> for EnsureRole<T, R> {
	type Success = T::AccountId;

	fn try_origin(o: T::RuntimeOrigin) -> Result<T::AccountId, T::RuntimeOrigin> {
		match o.clone().into() {
			Ok(RawOrigin::Signed(who)) if Pallet::<T>::has_role(&who, R::get()) => Ok(who),
			_ => Err(o),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<T::RuntimeOrigin, ()> {
		let who: T::AccountId = frame_benchmarking::account("role-holder", 0, 0);
		Pallet::<T>::benchmark_grant(&who, R::get());
		Ok(RawOrigin::Signed(who).into())
	}
}

frame_support::parameter_types! {
	/// [`Role::Patient`] as a type.
	pub const PatientRole: Role = Role::Patient;
	/// [`Role::Doctor`] as a type.
	pub const DoctorRole: Role = Role::Doctor;
	/// [`Role::Staff`] as a type.
	pub const StaffRole: Role = Role::Staff;
	/// [`Role::HospitalAdmin`] as a type.
	pub const HospitalAdminRole: Role = Role::HospitalAdmin;
}

/// A signed patient.
pub type EnsurePatient<T> = EnsureRole<T, PatientRole>;
/// A signed doctor of an active hospital.
pub type EnsureDoctor<T> = EnsureRole<T, DoctorRole>;
/// Signed staff of an active hospital.
pub type EnsureStaff<T> = EnsureRole<T, StaffRole>;
/// A signed admin of an active hospital.
pub type EnsureHospitalAdmin<T> = EnsureRole<T, HospitalAdminRole>;
